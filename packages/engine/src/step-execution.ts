import { isAppError } from '@tandem/schema';
import type { Step } from '@tandem/schema';
import type { CheckpointRequest, NodeRunContext } from '@tandem/nodes';
import type { CheckpointStepWrites } from './checkpoint.js';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { guardedPublisher } from './publish-guard.js';
import { retryDelayMs, shouldRetry, toStepError } from './retry-policy.js';
import { buildNodeContext, finishedStep, noPublishing } from './step-context.js';
import { withStepSignal } from './step-abort.js';
import type { RunWrites } from './run-writes.js';

export type OpenCheckpoint = (
  step: Step,
  request: CheckpointRequest,
  snapshot: RunSnapshot,
  ctx: NodeRunContext<unknown>,
  writes: CheckpointStepWrites,
) => Promise<void>;

/** Runs one step's node and writes its outcome: done, asleep, at a checkpoint, retried or failed. */
export interface StepExecution {
  /** A written pending (or running) step: takes a slot, writes it running, runs it. */
  runStep(step: Step, snap: RunSnapshot): Promise<void>;
  /** A step started unwritten, already holding its slot (see UnwrittenStarts). */
  runHeldStep(step: Step, snap: RunSnapshot): Promise<void>;
}

export function createStepExecution(
  engine: EngineContext,
  writes: RunWrites,
  openCheckpoint: OpenCheckpoint,
  /** Moves the run on once the step's outcome is written. */
  advance: (runId: string) => Promise<void>,
): StepExecution {
  const { saveStep, unwritten } = writes;

  async function runStep(step: Step, snap: RunSnapshot): Promise<void> {
    const flowId = snap.run.flowId;
    await engine.slots.acquire(flowId);
    try {
      let running: Step;
      try {
        running = await saveStep({
          ...step,
          status: 'running',
          attempts: step.attempts + 1,
          startedAt: step.startedAt ?? engine.now(),
          wakeAt: null,
        });
      } catch (error) {
        if (isAppError(error, 'CONFLICT')) return;
        throw error;
      }
      await execute(running, snap);
    } finally {
      engine.slots.release(flowId);
      engine.inFlight.delete(step.id);
    }
    await advance(snap.run.id);
  }

  async function runHeldStep(step: Step, snap: RunSnapshot): Promise<void> {
    try {
      try {
        await execute(step, snap);
      } finally {
        unwritten.executed(step);
        engine.slots.release(snap.run.flowId);
        engine.inFlight.delete(step.id);
      }
      await advance(snap.run.id);
    } finally {
      // Only now: passes over a run take turns, so one that read the store before the outcome
      // was written has finished, and saw the step through its held entry.
      unwritten.release(step);
    }
  }

  async function execute(step: Step, snap: RunSnapshot): Promise<void> {
    const definition = snap.prepared.definitions.get(step.nodeId)!;
    const publisher =
      definition.category === 'publish' ? guardedPublisher(engine, snap, step) : noPublishing;
    try {
      const ctx = await buildNodeContext(engine, snap, step, publisher);
      const result = await withStepSignal(engine, snap.run.id, (signal) =>
        definition.run({ ...ctx, signal }),
      );
      if (result.kind === 'done') {
        await unwritten.save({
          ...finishedStep(step, result, engine.now()),
          usage: result.usage ?? null,
          error: null,
        });
      } else if (result.kind === 'sleep') {
        await unwritten.save({ ...step, status: 'waiting', wakeAt: result.until, error: null });
        engine.wake(result.until);
      } else {
        await openCheckpoint(step, result.task, snap, ctx, {
          beforeTask: () => unwritten.ensureWritten(step),
          save: (next) => unwritten.save(next),
        });
      }
    } catch (error) {
      if (isAppError(error, 'CONFLICT')) {
        engine.logger.warn('step changed while it ran; result dropped', { stepId: step.id });
        return;
      }
      await failOrRetry(step, error);
    }
  }

  async function failOrRetry(step: Step, error: unknown): Promise<void> {
    const { retryAfterMs, ...stepError } = toStepError(error);
    const policy = engine.limits.retry;
    if (shouldRetry(policy, step.attempts, { retryable: stepError.retryable, retryAfterMs })) {
      const delay = retryDelayMs(policy, step.attempts, engine.random, retryAfterMs);
      const wakeAt = new Date(engine.clock.now().getTime() + delay).toISOString();
      await unwritten.save({ ...step, status: 'pending', wakeAt, error: stepError });
      engine.wake(wakeAt);
      return;
    }
    engine.logger.warn('step failed', { stepId: step.id, code: stepError.code });
    await unwritten.save({ ...step, status: 'failed', error: stepError, endedAt: engine.now() });
  }

  return { runStep, runHeldStep };
}
