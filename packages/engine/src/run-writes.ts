import { isAppError } from '@tandem/schema';
import type { Run, Step, StepError } from '@tandem/schema';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { latestByNode, runToSave, sumUsage } from './run-state.js';
import { runOutcomeOf } from './run-outcome.js';
import { UnwrittenStarts } from './unwritten-starts.js';

/** The store writes of a run and its steps, each followed by the event that announces it. */
export interface RunWrites {
  saveStep(step: Step): Promise<Step>;
  createStep(step: Step, flowId: string): Promise<Step>;
  saveRun(run: Run): Promise<Run>;
  snapshot(runId: string): Promise<RunSnapshot>;
  /** Settles open tasks of a run that ended, so nobody reviews dead work. */
  cancelOpenTasks(runId: string): Promise<void>;
  finishRun(
    snap: RunSnapshot,
    status: 'succeeded' | 'failed',
    error: StepError | null,
  ): Promise<void>;
  /** Steps started before their `running` write (see UnwrittenStarts). */
  unwritten: UnwrittenStarts;
}

export function createRunWrites(engine: EngineContext): RunWrites {
  const { store } = engine;

  async function saveStep(step: Step): Promise<Step> {
    const saved = await store.steps.update({ ...step, updatedAt: engine.now() });
    engine.emit({ type: 'step.updated', step: saved, flowId: await flowIdOf(saved.runId) });
    return saved;
  }

  const flowIds = new Map<string, string>();
  async function flowIdOf(runId: string): Promise<string> {
    let flowId = flowIds.get(runId);
    if (!flowId) {
      flowId = (await store.runs.get(runId)).flowId;
      if (flowIds.size > 10_000) flowIds.clear();
      flowIds.set(runId, flowId);
    }
    return flowId;
  }

  async function createStep(step: Step, flowId: string): Promise<Step> {
    const saved = await store.steps.create(step);
    engine.emit({ type: 'step.updated', step: saved, flowId });
    return saved;
  }

  const unwritten = new UnwrittenStarts(
    engine.timers,
    {
      create: async (step) =>
        createStep({ ...step, updatedAt: engine.now() }, await flowIdOf(step.runId)),
      update: saveStep,
      find: (id) => store.steps.find(id),
    },
    (step, error) =>
      engine.logger.error('writing a running step failed', {
        stepId: step.id,
        error: String(error),
      }),
  );

  async function saveRun(run: Run): Promise<Run> {
    const saved = await store.runs.update({ ...runToSave(run), updatedAt: engine.now() });
    flowIds.set(saved.id, saved.flowId);
    engine.emit({ type: 'run.updated', run: saved });
    return saved;
  }

  async function snapshot(runId: string): Promise<RunSnapshot> {
    const run = await store.runs.get(runId);
    flowIds.set(run.id, run.flowId);
    const prepared = await engine.prepare(run.flowVersionId);
    const steps = unwritten.addTo(runId, await store.steps.listByRun(runId));
    return { run, prepared, steps, latest: latestByNode(steps) };
  }

  async function cancelOpenTasks(runId: string): Promise<void> {
    const open = await store.tasks.list({ runId, status: ['open'], limit: 500 });
    for (const task of open.items) {
      try {
        const saved = await store.tasks.update({
          ...task,
          status: 'canceled',
          updatedAt: engine.now(),
        });
        engine.emit({ type: 'task.updated', task: saved, change: 'canceled' });
      } catch (error) {
        if (!isAppError(error, 'CONFLICT')) throw error;
      }
    }
  }

  async function finishRun(
    snap: RunSnapshot,
    status: 'succeeded' | 'failed',
    error: StepError | null,
  ) {
    const now = engine.now();
    const usage = sumUsage(snap.steps);
    const outcome = status === 'succeeded' ? runOutcomeOf(snap.steps) : undefined;
    await saveRun({ ...snap.run, status, error, endedAt: now, usage, outcome });
    if (status === 'failed') await cancelOpenTasks(snap.run.id);
  }

  return { saveStep, createStep, saveRun, snapshot, cancelOpenTasks, finishRun, unwritten };
}
