import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Suggestion } from '@tandem/schema';
import { ProposedSuggestion } from './Suggestions.js';

const suggestion: Suggestion = {
  id: 'sg_1',
  flowId: 'flow_1',
  nodeId: 'draft_2',
  kind: 'preferred_term',
  use: 'use',
  insteadOf: 'utilize',
  phrase: null,
  note: null,
  occurrences: 4,
  status: 'proposed',
  decidedBy: null,
  decidedAt: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  revision: 0,
};

const render = (stepNames: Record<string, string>) =>
  renderToStaticMarkup(
    <ul>
      <ProposedSuggestion suggestion={suggestion} stepNames={stepNames} onDecide={() => {}} />
    </ul>,
  );

describe('ProposedSuggestion', () => {
  it('names the step as the designer labelled it, not by its node id', () => {
    const text = render({ draft_2: 'Headline' }).replace(/<[^>]+>/g, '');
    expect(text).toContain('Seen 4 times at step “Headline”');
    expect(text).not.toContain('draft_2');
    expect(render({}).replace(/<[^>]+>/g, '')).toContain('at step draft_2');
  });

  it('tells a screen reader which correction each Accept and Dismiss decides', () => {
    const html = render({});
    const textId = /<strong id="([^"]+)">Write &quot;use&quot; instead of &quot;utilize&quot;/.exec(
      html,
    )?.[1];
    expect(textId).toBeTruthy();
    for (const name of ['Accept', 'Dismiss']) {
      expect(html).toMatch(new RegExp(`aria-describedby="${textId}"[^>]*>${name}<`));
    }
  });
});
