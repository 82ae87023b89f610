import { describe, expect, it } from 'vitest';
import type { LlmPort, LlmRequest } from '@tandem/nodes';
import { createHarness, designer, eventTypes, graph, topicTrigger } from './testing/harness.js';
import type { Harness } from './testing/harness.js';
import { transientError } from './testing/scripted-ports.js';
import { START_WRITE_DELAY_MS } from './unwritten-starts.js';

/** An LLM that answers prompts mentioning "slow" only once `release()` is called. */
function gatedLlm() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const requests: LlmRequest[] = [];
  const usage = { promptTokens: 1, completionTokens: 1, costUsd: 0 };
  const llm: LlmPort = {
    provider: 'offline',
    defaultModel: 'gated',
    async complete(request) {
      requests.push(request);
      if (JSON.stringify(request.messages).includes('slow')) await gate;
      return { text: 'Answer', model: 'gated', usage };
    },
  };
  return { llm, requests, release };
}

/** Lets the engine's promises settle without moving the fake clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function storedStatus(h: Harness, runId: string, nodeId: string) {
  return (await h.store.steps.listByRun(runId)).filter((s) => s.nodeId === nodeId);
}

describe('steps that start at once are written when they end, or once they run a while', () => {
  it('writes a step still running after the start delay as running, then finishes it in place', async () => {
    const gated = gatedLlm();
    const h = await createHarness({ llm: gated.llm });
    const flowId = await h.deploy(
      graph([topicTrigger, ['draft', 'ai.generate', { prompt: 'A slow draft' }]], ['start>draft']),
    );
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await settle();
    expect(gated.requests).toHaveLength(1);
    expect(await storedStatus(h, run.id, 'draft')).toEqual([]);

    await h.clock.advance(START_WRITE_DELAY_MS - 1);
    expect(await storedStatus(h, run.id, 'draft')).toEqual([]);
    await h.clock.advance(1);
    expect(await storedStatus(h, run.id, 'draft')).toMatchObject([
      { status: 'running', revision: 0, attempts: 1 },
    ]);

    gated.release();
    await h.engine.idle();
    expect(await storedStatus(h, run.id, 'draft')).toMatchObject([
      { status: 'done', revision: 1, output: { text: 'Answer' } },
    ]);
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(eventTypes(h.events).filter((e) => e.startsWith('step:draft'))).toEqual([
      'step:draft:running',
      'step:draft:done',
    ]);
  });

  it('a pass over the run while a step is held unwritten does not start that step again', async () => {
    const gated = gatedLlm();
    const h = await createHarness({ llm: gated.llm });
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['slow', 'ai.generate', { prompt: 'A slow one' }],
          ['quick', 'ai.generate', { prompt: 'A quick one' }],
        ],
        ['start>slow', 'start>quick'],
      ),
    );
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await settle();
    // `quick` finished and its end moved the run on, while `slow` was held, not yet written.
    expect(await storedStatus(h, run.id, 'quick')).toMatchObject([{ status: 'done' }]);
    expect(await storedStatus(h, run.id, 'slow')).toEqual([]);
    expect(gated.requests).toHaveLength(2);

    gated.release();
    await h.engine.idle();
    expect(gated.requests).toHaveLength(2);
    expect(await storedStatus(h, run.id, 'slow')).toMatchObject([{ status: 'done', revision: 0 }]);
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
  });

  it('a failure to retry is written once, as pending with its retry time', async () => {
    const h = await createHarness();
    h.llm.push(transientError(2_000), 'Second try');
    const flowId = await h.deploy(
      graph([topicTrigger, ['draft', 'ai.generate', { prompt: 'Draft' }]], ['start>draft']),
    );
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await h.engine.idle();
    expect(await storedStatus(h, run.id, 'draft')).toMatchObject([
      { status: 'pending', revision: 0, attempts: 1, error: { retryable: true } },
    ]);

    h.engine.start();
    await h.clock.advance(2_000);
    await h.engine.idle();
    await h.engine.stop();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(eventTypes(h.events).filter((e) => e.startsWith('step:draft'))).toEqual([
      'step:draft:pending',
      'step:draft:running',
      'step:draft:done',
    ]);
  });
});
