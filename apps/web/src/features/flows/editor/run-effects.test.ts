import { describe, expect, it } from 'vitest';
import { RUN_MODES, realRunEffects, runStartBody, startRunLabel } from './run-effects.js';

describe('realRunEffects', () => {
  it('says which publishing steps send for real and that reviewers get tasks', () => {
    expect(
      realRunEffects([
        'trigger.manual',
        'publish.wordpress',
        'human.review',
        'publish.slack',
        'publish.email',
        'publish.webhook',
      ]),
    ).toBe(
      "This is a real run: it posts to WordPress, posts to Slack, sends email and calls a webhook, and its review tasks go to real reviewers' inboxes.",
    );
  });

  it('names each kind of step once, and leaves out what the flow does not have', () => {
    expect(realRunEffects(['publish.slack', 'publish.slack'])).toBe(
      'This is a real run: it posts to Slack.',
    );
    expect(realRunEffects(['trigger.manual', 'human.review'])).toBe(
      "This is a real run: its review tasks go to real reviewers' inboxes.",
    );
  });

  it('says nothing for a flow that only saves to the library', () => {
    expect(realRunEffects(['trigger.manual', 'ai.generate', 'publish.library'])).toBeNull();
  });
});

describe('the kind of run', () => {
  it('starts a test run unless a real one is chosen', () => {
    expect(runStartBody({ topic: 'Spring' }, 'test')).toEqual({
      input: { topic: 'Spring' },
      test: true,
    });
    expect(runStartBody({}, 'real')).toEqual({ input: {}, test: false });
  });

  it('names the start button after the choice, and says when the draft is published first', () => {
    expect(startRunLabel('test', false)).toBe('Start test run');
    expect(startRunLabel('test', true)).toBe('Publish and start test run');
    expect(startRunLabel('real', false)).toBe('Start real run');
    expect(startRunLabel('real', true)).toBe('Publish and start real run');
  });

  it('says when the draft’s schedule is published paused', () => {
    expect(startRunLabel('test', true, true)).toBe('Publish paused and start test run');
    expect(startRunLabel('real', true, true)).toBe('Publish paused and start real run');
    // Nothing is published: the schedule stays as it is.
    expect(startRunLabel('test', false, true)).toBe('Start test run');
  });

  it('offers the test run first, so it is the default', () => {
    expect(RUN_MODES.map((m) => m.mode)).toEqual(['test', 'real']);
    expect(RUN_MODES[0]?.detail).toContain('Nothing is sent');
  });
});
