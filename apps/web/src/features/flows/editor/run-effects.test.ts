import { describe, expect, it } from 'vitest';
import { realRunEffects } from './run-effects.js';

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
