import { describe, expect, it } from 'vitest';
import { buildMessages, wrapUntrusted, type LlmMessage } from '@tandem/nodes';
import { createOfflineLlm } from './offline-llm.js';

/*
 * The offline writer in the review loop: a redraft must visibly answer the reviewer's note
 * (the inbox shows "What the AI changed since: nothing" otherwise), and bulleted inputs stay a
 * list rather than a run-on of "- a. - b." sentences.
 */

const llm = createOfflineLlm();
const blogPrompt = (topic: string, points: string): string =>
  `Write a blog post of about 400 words about ${wrapUntrusted(topic)}. Cover these points: ${wrapUntrusted(points)}. Give it a short title on the first line.`;

async function write(messages: LlmMessage[]): Promise<string> {
  return (await llm.complete({ messages, output: { kind: 'text' } })).text;
}

describe('offline writer: revisions and lists', () => {
  const base = {
    prompt: blogPrompt('Our 2027 product roadmap', '- faster reports\n- guaranteed results'),
    brand: null,
  };

  it('adds what the reviewer asked to mention, in the note’s words', async () => {
    const first = await write(buildMessages(base));
    const note = 'Mention the 20% discount and the end date.';
    const revised = await write(buildMessages({ ...base, revision: { note, previous: first } }));
    expect(revised).not.toBe(first);
    expect(revised).toContain('Worth knowing: the 20% discount and the end date.');
    expect(first).not.toContain('20% discount');
  });

  it('depends on the note: a different note gives a different redraft', async () => {
    const first = await write(buildMessages(base));
    const a = await write(
      buildMessages({ ...base, revision: { note: 'Mention the webinar.', previous: first } }),
    );
    const b = await write(
      buildMessages({ ...base, revision: { note: 'Mention the price.', previous: first } }),
    );
    expect(a).toContain('the webinar');
    expect(b).toContain('the price');
    expect(a).not.toContain('the price');
  });

  it('labels a note it cannot act on as the offline writer’s attempt, not a rewrite', async () => {
    const first = await write(buildMessages(base));
    const revised = await write(
      buildMessages({ ...base, revision: { note: 'Make it punchier.', previous: first } }),
    );
    expect(revised).toContain(
      `[Offline writer: revised for the reviewer's note "Make it punchier."`,
    );
  });

  it('keeps bulleted key points as a list, one item a line', async () => {
    const text = await write(buildMessages(base));
    expect(text).toContain('- faster reports\n- guaranteed results');
    expect(text).not.toMatch(/faster reports\. - guaranteed/);
  });

  it('reads bare short lines as list items too', async () => {
    const text = await write(
      buildMessages({
        prompt: blogPrompt('Spring launch', 'faster reports\nfewer errors'),
        brand: null,
      }),
    );
    expect(text).toContain('- faster reports\n- fewer errors');
  });
});
