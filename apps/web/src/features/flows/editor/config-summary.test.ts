import { describe, expect, it } from 'vitest';
import { configSummary, effectiveConfig } from './config-summary.js';

describe('configSummary', () => {
  it('summarises each common node type', () => {
    expect(
      configSummary('trigger.manual', {
        fields: [{ name: 'topic', label: 'Topic' }, { name: 'tone' }],
      }),
    ).toBe('Form: Topic, tone');
    expect(
      configSummary('ai.generate', { prompt: 'Write   about\n{{ input.topic }}', output: 'text' }),
    ).toBe('Text · Write about {{ input.topic }}');
    expect(configSummary('ai.generate', { prompt: '' })).toBe('No prompt yet');
    expect(
      configSummary('human.review', { assigneeRoles: ['manager'], requiredApprovals: 2 }),
    ).toBe('By manager · 2 approvals');
    expect(
      configSummary('logic.branch', {
        match: 'any',
        rules: [{ path: 'steps.check.passed', operator: 'is_true' }, {}],
      }),
    ).toBe('If steps.check.passed is true (+1, any)');
    expect(configSummary('publish.webhook', { url: 'https://hooks.example.com/x' })).toBe(
      'POST https://hooks.example.com/x',
    );
    expect(configSummary('util.delay', { amount: 2, unit: 'hours' })).toBe('Wait 2 hours');
    expect(configSummary('util.delay', { amount: 1, unit: 'hours' })).toBe('Wait 1 hour');
    expect(configSummary('util.delay', { amount: 1, unit: 'days' })).toBe('Wait 1 day');
  });
  it('reads a setting left out as its default, as the settings form and the published flow do', () => {
    const defaults = { prompt: 'Write a short blog post about {{ input.topic }}.', output: 'text' };
    expect(configSummary('ai.generate', effectiveConfig({}, defaults))).toBe(
      'Text · Write a short blog post about {{ input.topic }}.',
    );
    expect(configSummary('ai.generate', effectiveConfig({ prompt: undefined }, defaults))).toBe(
      'Text · Write a short blog post about {{ input.topic }}.',
    );
    // Emptied by the designer, the prompt is missing: the form says "Write a prompt" and the flow
    // does not publish.
    expect(configSummary('ai.generate', effectiveConfig({ prompt: '' }, defaults))).toBe(
      'No prompt yet',
    );
    expect(configSummary('ai.generate', effectiveConfig({ output: 'json' }, defaults))).toBe(
      'Structured · Write a short blog post about {{ input.topic }}.',
    );
  });
  it('cuts long prompts', () => {
    expect(configSummary('ai.generate', { prompt: 'x'.repeat(200) }).length).toBeLessThan(90);
  });

  it('names the saved connection a step sends through', () => {
    expect(configSummary('publish.webhook', { connectionId: 'con_cms' }, 'CMS hook')).toBe(
      'Sends to CMS hook',
    );
    expect(configSummary('publish.slack', { connectionId: 'con_team' }, 'Team channel')).toBe(
      'Posts to Team channel',
    );
    expect(configSummary('publish.email', { to: ['a@example.com'] }, 'Agency mail')).toBe(
      'To a@example.com · via Agency mail',
    );
    expect(configSummary('publish.wordpress', { status: 'publish' }, 'Blog')).toBe(
      'WordPress · publish · Blog',
    );
    expect(configSummary('publish.slack', {})).toBe('Pick a Slack connection');
  });
});
