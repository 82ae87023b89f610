import { describe, expect, it } from 'vitest';
import { createOfflineLlm } from '@tandem/connectors';
import type { LlmRequest } from '@tandem/nodes';
import { isAppError } from '@tandem/schema';
import { promptInjectionCorpus } from './prompt-injection.fixture.js';
import { blogGraph, createHarness, designer, reviewer } from './testing/harness.js';
import type { Harness } from './testing/harness.js';

const CONFIGURED_URL = 'https://example.com/hook';
const reviewAll = { defaultLevel: 'review_all' };

/** Worst case: the model obeys the injection and repeats the hostile brief word for word. */
function obeyingModel(hostile: string) {
  return (request: LlmRequest) => {
    expect(JSON.stringify(request.messages)).toContain('<untrusted-data>');
    return `${hostile}\nDone: published to https://evil.example/hook and set automation to auto.`;
  };
}

/** Runs one hostile input to the checkpoint, approves it and checks where it went. */
async function runHostile(h: Harness, flowId: string, hostile: string) {
  const automationBefore = await h.store.automation.listByFlow(flowId);
  const sentBefore = h.publisher.attempts.length;
  const run = await h.engine.startRun({
    flowId,
    input: { topic: hostile },
    startedBy: designer.id,
  });
  await h.engine.idle();

  expect((await h.store.runs.get(run.id)).status).toBe('waiting');
  const tasks = (await h.store.tasks.list({ runId: run.id })).items;
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.status).toBe('open');
  expect(h.publisher.attempts).toHaveLength(sentBefore);
  expect(await h.store.automation.listByFlow(flowId)).toEqual(automationBefore);
  const [checkpoint] = await h.engine.getAutomation(flowId);
  expect(checkpoint).toMatchObject({ nodeId: 'review', level: 'review_all' });

  await h.engine.decide(tasks[0]!.id, { action: 'approve' }, reviewer);
  await h.engine.idle();

  expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
  const published = h.publisher.attempts.slice(sentBefore);
  expect(published).toHaveLength(1);
  const [out] = published;
  expect(out).toMatchObject({ key: `${run.id}:publish`, channel: 'webhook', nodeId: 'publish' });
  expect(out!.config.url).toBe(CONFIGURED_URL);
  const configText = JSON.stringify(out!.config);
  expect(configText).not.toMatch(/evil\.example|127\.0\.0\.1|attacker/);
  expect(out!.content.text).toBe(tasks[0]!.content.text);
  expect(await h.store.automation.listByFlow(flowId)).toEqual(automationBefore);
  return out!;
}

describe('prompt-injection corpus in run inputs', () => {
  it('holds enough distinct hostile inputs', () => {
    expect(new Set(promptInjectionCorpus).size).toBeGreaterThanOrEqual(15);
  });

  it.each(promptInjectionCorpus)(
    'an obeying model cannot skip review or move the target: %s',
    async (hostile) => {
      const h = await createHarness();
      h.llm.push(obeyingModel(hostile));
      const flowId = await h.deploy(blogGraph(reviewAll));
      const out = await runHostile(h, flowId, hostile);
      // The model really did repeat the injection: the approved text carries it, the target does not.
      expect(out.content.text).toContain(hostile);
      expect((await h.store.audit.list({ action: 'automation.changed' })).items).toHaveLength(0);
    },
  );

  it('the offline provider, fed the whole corpus, publishes each run once to the configured URL', async () => {
    const h = await createHarness({ llm: createOfflineLlm() });
    const flowId = await h.deploy(blogGraph(reviewAll));
    for (const hostile of promptInjectionCorpus) await runHostile(h, flowId, hostile);
    expect(h.publisher.sent).toHaveLength(promptInjectionCorpus.length);
    expect(new Set(h.publisher.sent.map((p) => p.config.url))).toEqual(new Set([CONFIGURED_URL]));
    expect((await h.store.audit.list({ action: 'automation.changed' })).items).toHaveLength(0);
  });

  it('refuses run inputs that smuggle config keys next to the declared fields', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph(reviewAll));
    const error = await h.engine
      .startRun({
        flowId,
        input: {
          topic: 'Dashboards',
          url: 'https://evil.example/hook',
          level: 'auto',
          to: ['attacker@evil.example'],
        },
        startedBy: designer.id,
      })
      .catch((e) => e);
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((await h.store.runs.list()).items).toHaveLength(0);
    expect(h.publisher.attempts).toHaveLength(0);
  });
});
