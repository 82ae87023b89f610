import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@tandem/store';
import type { StorePort } from '@tandem/schema';
import type { LlmPort, LlmRequest } from '@tandem/nodes';
import { createSeededRandom } from './testing/fake-clock.js';
import { createHarness, designer, eventTypes, graph, topicTrigger } from './testing/harness.js';
import type { Harness } from './testing/harness.js';
import { transientError } from './testing/scripted-ports.js';
import { START_WRITE_DELAY_MS } from './unwritten-starts.js';

const usage = { promptTokens: 1, completionTokens: 1, costUsd: 0 };

/** An LLM that answers a prompt mentioning a gate's word only once that gate is opened. */
function gatedLlm(words = ['slow']) {
  const opens = new Map<string, () => void>();
  const gates = new Map(
    words.map((word) => [word, new Promise<void>((resolve) => opens.set(word, resolve))]),
  );
  const requests: LlmRequest[] = [];
  const llm: LlmPort = {
    provider: 'offline',
    defaultModel: 'gated',
    async complete(request) {
      requests.push(request);
      const text = JSON.stringify(request.messages);
      const word = words.find((w) => text.includes(w));
      if (word) await gates.get(word);
      return { text: 'Answer', model: 'gated', usage };
    },
  };
  const asked = (word: string) =>
    requests.filter((r) => JSON.stringify(r.messages).includes(word)).length;
  return {
    llm,
    requests,
    asked,
    open: (word: string) => opens.get(word)!(),
  };
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

    gated.open('slow');
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

    gated.open('slow');
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

  it('a pass that read the steps just before a held step was written does not run that step again', async () => {
    const inner = createMemoryStore();
    // While set, the next read of a run's steps takes its rows, then lets `whileReading` run
    // before it answers, as any driver with a round trip can.
    let whileReading: (() => Promise<void>) | null = null;
    const store: StorePort = {
      ...inner,
      steps: {
        ...inner.steps,
        async listByRun(runId) {
          const rows = await inner.steps.listByRun(runId);
          const during = whileReading;
          whileReading = null;
          if (during) await during();
          return rows;
        },
      },
    };
    const gated = gatedLlm(['first', 'second']);
    const h = await createHarness({ store, llm: gated.llm });
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['a', 'ai.generate', { prompt: 'The first' }],
          ['b', 'ai.generate', { prompt: 'The second' }],
        ],
        ['start>a', 'start>b'],
      ),
    );
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await settle();
    // `a` ends; the pass after it reads the steps, and `b` ends (written, done) during that read.
    whileReading = async () => {
      gated.open('second');
      await settle();
    };
    gated.open('first');
    await h.engine.idle();

    expect(gated.asked('second')).toBe(1);
    expect(await storedStatus(h, run.id, 'b')).toMatchObject([{ status: 'done' }]);
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
  });

  it('over a store that answers after a few turns, parallel quick steps each run once', async () => {
    const random = createSeededRandom(7);
    const turns = async () => {
      for (let i = Math.floor(random() * 4); i > 0; i -= 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    /** Every repository call waits a few turns before and after reaching the data. */
    function withLatency<T extends object>(target: T): T {
      return new Proxy(target, {
        get(object, key) {
          const value = (object as Record<string | symbol, unknown>)[key];
          if (typeof value === 'function') {
            return async (...args: unknown[]) => {
              await turns();
              const result: unknown = await value.apply(object, args);
              await turns();
              return result;
            };
          }
          return value && typeof value === 'object' ? withLatency(value) : value;
        },
      });
    }
    let calls = 0;
    const llm: LlmPort = {
      provider: 'offline',
      defaultModel: 'counted',
      async complete() {
        calls += 1;
        await turns();
        return { text: 'Answer', model: 'counted', usage };
      },
    };
    const h = await createHarness({ llm, store: withLatency(createMemoryStore()) });
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['n0', 'ai.generate', { prompt: 'One' }],
          ['n1', 'ai.generate', { prompt: 'Two' }],
          ['n2', 'ai.generate', { prompt: 'Three' }],
        ],
        ['start>n0', 'start>n1', 'start>n2'],
      ),
    );
    for (let i = 0; i < 200; i += 1) {
      await h.engine.startRun({ flowId, input: { topic: `T${i}` }, startedBy: designer.id });
      await h.engine.idle();
    }
    expect(calls).toBe(600);
  });
});
