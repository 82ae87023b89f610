import { isAppError } from '@tandem/schema';
import type { Run, Step } from '@tandem/schema';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { derivedRunStatus, runWaitsFor, sumUsage, TERMINAL_RUN } from './run-state.js';
import { createReadyStepsPass } from './ready-steps.js';
import { createRunWrites } from './run-writes.js';
import { createStepExecution } from './step-execution.js';
import type { OpenCheckpoint } from './step-execution.js';
import type { QueuePort } from './queue/queue.port.js';

export interface RunExecutor {
  /** One pass over a run: creates ready steps, dispatches them, updates the run's status. */
  advance(runId: string): Promise<void>;
  snapshot(runId: string): Promise<RunSnapshot>;
  saveStep(step: Step): Promise<Step>;
  saveRun(run: Run): Promise<Run>;
  /** Settles open tasks of a run that ended, so nobody reviews dead work. */
  cancelOpenTasks(runId: string): Promise<void>;
  /** A queued step job: executes the step if it is still due, else moves its run on. */
  runJob(runId: string, stepId: string): Promise<void>;
  /** Runs one pending step even though another step of its run failed (a replayed dead letter). */
  runPendingStep(runId: string, stepId: string): Promise<void>;
}

/**
 * Moves runs on, one pass at a time per run: the pass (here) creates ready steps
 * (ready-steps.ts) and dispatches them, in this process or to the queue; a step's node runs in
 * step-execution.ts; every write and its event goes through run-writes.ts.
 */
export function createRunExecutor(
  engine: EngineContext,
  openCheckpoint: OpenCheckpoint,
): RunExecutor {
  const writes = createRunWrites(engine);
  const { saveStep, saveRun, snapshot, cancelOpenTasks, finishRun } = writes;
  const createReadySteps = createReadyStepsPass(engine, writes);
  const { runStep, runHeldStep } = createStepExecution(engine, writes, openCheckpoint, advance);

  async function advanceLocked(runId: string): Promise<void> {
    const snap = await snapshot(runId);
    const { run, latest } = snap;
    if (TERMINAL_RUN.has(run.status)) return;
    const failed = [...latest.values()].find((s) => s.status === 'failed');
    if (failed) {
      await finishRun(snap, 'failed', failed.error);
      return;
    }
    const toRun: Step[] = [];
    const held: Step[] = [];
    try {
      await createReadySteps(snap, toRun, held);
    } catch (error) {
      // Steps already written as running hold a slot: run them, the failure is the pass's only.
      for (const step of held) dispatch(step, snap, true);
      throw error;
    }

    try {
      const status = derivedRunStatus(latest);
      if (status === 'finished') {
        await finishRun(snap, 'succeeded', null);
        return;
      }
      const waitingFor = status === 'waiting' ? runWaitsFor(latest) : undefined;
      if (status !== run.status || waitingFor !== run.waitingFor) {
        snap.run = await saveRun({ ...run, status, waitingFor, usage: sumUsage(snap.steps) });
      }
    } catch (error) {
      for (const step of held) dispatch(step, snap, true);
      throw error;
    }
    for (const step of held) dispatch(step, snap, true);
    for (const step of toRun) dispatch(step, snap, false);
  }

  /** Another process (or a decision) may write the run mid-pass; a fresh pass then sees it. */
  async function advanceWithRetry(runId: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await advanceLocked(runId);
      } catch (error) {
        if (!isAppError(error, 'CONFLICT') || attempt >= 3) throw error;
      }
    }
  }

  function advance(runId: string): Promise<void> {
    return engine.work.track(engine.runLocks.run(runId, () => advanceWithRetry(runId)));
  }

  /** Runs a step in the background; `started` means it already holds a slot and is running. */
  function dispatch(step: Step, snap: RunSnapshot, started: boolean): void {
    if (engine.queue) {
      enqueue(engine.queue, step);
      return;
    }
    if (engine.inFlight.has(step.id)) {
      if (started) engine.slots.release(snap.run.flowId);
      return;
    }
    engine.inFlight.add(step.id);
    void engine.work
      .track(started ? runHeldStep(step, snap) : runStep(step, snap))
      .catch((error) =>
        engine.logger.error('step execution failed', { stepId: step.id, error: String(error) }),
      );
  }

  /**
   * Runs one pending step whatever else the run holds. A replayed publish step whose run still
   * has another step failed (its own dead letter) never ran: the pass failed the run again first,
   * and the replayed delivery stayed "pending" for good, off the dead letters.
   */
  async function runPendingStep(runId: string, stepId: string): Promise<void> {
    const snap = await snapshot(runId);
    const step = snap.steps.find((s) => s.id === stepId);
    if (step?.status === 'pending') dispatch(step, snap, false);
  }

  /**
   * The job id names the attempt it executes, so passes in several processes that see the
   * same pending (or running) step enqueue one job; a retry after backoff gets a new id.
   */
  function enqueue(queue: QueuePort, step: Step): void {
    const attempt = step.status === 'running' ? step.attempts : step.attempts + 1;
    void engine.work
      .track(
        queue.enqueue(
          { kind: 'step', runId: step.runId, stepId: step.id },
          { id: `step-${step.id}-${attempt}` },
        ),
      )
      .catch((error) =>
        engine.logger.error('step enqueue failed', { stepId: step.id, error: String(error) }),
      );
  }

  async function runJob(runId: string, stepId: string): Promise<void> {
    const snap = await snapshot(runId);
    if (TERMINAL_RUN.has(snap.run.status)) return;
    const step = snap.steps.find((s) => s.id === stepId);
    const due = !step?.wakeAt || step.wakeAt <= engine.now();
    const runnable = step && (step.status === 'running' || (step.status === 'pending' && due));
    if (!runnable || engine.inFlight.has(stepId)) {
      // A job retried after its step settled (its worker died after the write) moves the run on.
      await advance(runId);
      return;
    }
    engine.inFlight.add(stepId);
    await engine.work.track(runStep(step, snap));
  }

  return { advance, snapshot, saveStep, saveRun, cancelOpenTasks, runJob, runPendingStep };
}
