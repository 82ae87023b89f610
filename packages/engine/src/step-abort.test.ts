import { describe, expect, it } from 'vitest';
import type { LlmPort } from '@tandem/nodes';
import { blogGraph, createHarness, designer } from './testing/harness.js';
import { createScriptedLlm } from './testing/scripted-ports.js';

/** An LLM that never answers but notices when it is told to stop. */
function hangingLlm(): LlmPort & { aborted: unknown[]; pending: () => number } {
  const aborted: unknown[] = [];
  let calls = 0;
  return {
    provider: 'offline',
    defaultModel: 'hang',
    aborted,
    pending: () => calls,
    complete: (request) =>
      new Promise(() => {
        calls += 1;
        request.signal?.addEventListener('abort', () => aborted.push(request.signal?.reason));
      }),
  };
}

/** Polls until `check` holds: the engine is never idle while a step hangs. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}

describe('step timeouts and cancel', () => {
  it('aborts a step that exceeds the step timeout and retries it, then fails with TIMEOUT', async () => {
    const llm = hangingLlm();
    const h = await createHarness({
      llm,
      limits: { stepTimeoutMs: 5_000, retry: { maxAttempts: 2, baseDelayMs: 1_000 } },
    });
    const flowId = await h.deploy(blogGraph());
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    const draftStatus = async () =>
      (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'draft')?.status;
    await until(async () => llm.pending() === 1);
    await h.clock.advance(5_000);
    await until(async () => (await draftStatus()) === 'pending');
    const retrying = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'draft')!;
    expect(retrying).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: { code: 'TIMEOUT', retryable: true },
    });
    expect(llm.aborted).toHaveLength(1);
    await h.clock.advance(1_000);
    await h.engine.tick();
    await until(async () => llm.pending() === 2);
    await h.clock.advance(5_000);
    await until(async () => (await h.store.runs.get(run.id)).status === 'failed');
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'failed',
      error: { code: 'TIMEOUT' },
    });
    expect(llm.aborted).toHaveLength(2);
  });

  it('cancel stops the steps a run is executing', async () => {
    const llm = hangingLlm();
    const h = await createHarness({ llm });
    const flowId = await h.deploy(blogGraph());
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await until(async () => llm.pending() === 1);
    await h.engine.cancelRun(run.id, designer);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('canceled');
    const draft = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'draft')!;
    expect(draft).toMatchObject({ status: 'failed', error: { code: 'CANCELED' } });
    expect(llm.aborted).toHaveLength(1);
  });

  it('stop hands unfinished steps back after the grace time; the next engine finishes them', async () => {
    const llm = hangingLlm();
    const h = await createHarness({ llm });
    const flowId = await h.deploy(blogGraph());
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await until(async () => llm.pending() === 1);
    const stopped = h.engine.stop({ graceMs: 2_000 });
    await until(async () => h.clock.pendingTimers() > 1);
    await h.clock.advance(2_000);
    await stopped;
    const draft = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'draft')!;
    expect(draft).toMatchObject({
      status: 'pending',
      error: { code: 'CANCELED', retryable: true },
    });

    const next = h.spawn({ llm: createScriptedLlm(['After restart']) });
    await h.clock.advance(60_000);
    await next.recover();
    await next.idle();
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    expect(task.content.text).toBe('After restart');
  });
});
