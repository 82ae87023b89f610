import { isAppError } from '@tandem/schema';
import type { Run, Step, StepError } from '@tandem/schema';
import type { CheckpointRequest, NodeRunContext } from '@tandem/nodes';
import type { CheckpointStepWrites } from './checkpoint.js';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { guardedPublisher } from './publish-guard.js';
import { retryDelayMs, shouldRetry, toStepError } from './retry-policy.js';
import {
  derivedRunStatus,
  latestByNode,
  newStep,
  readiness,
  runToSave,
  runWaitsFor,
  sumUsage,
  TERMINAL_RUN,
} from './run-state.js';
import { buildNodeContext, finishedStep, noPublishing } from './step-context.js';
import { runInlineStep } from './inline-step.js';
import { withStepSignal } from './step-abort.js';
import { UnwrittenStarts } from './unwritten-starts.js';
import type { QueuePort } from './queue/queue.port.js';

export type OpenCheckpoint = (
  step: Step,
  request: CheckpointRequest,
  snapshot: RunSnapshot,
  ctx: NodeRunContext<unknown>,
  writes: CheckpointStepWrites,
) => Promise<void>;

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

export function createRunExecutor(
  engine: EngineContext,
  openCheckpoint: OpenCheckpoint,
): RunExecutor {
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
    await saveRun({ ...snap.run, status, error, endedAt: now, usage: sumUsage(snap.steps) });
    if (status === 'failed') await cancelOpenTasks(snap.run.id);
  }

  /** Writes a step for every node that became ready (or skipped); collects what to run. */
  async function createReadySteps(snap: RunSnapshot, toRun: Step[], held: Step[]): Promise<void> {
    const { run, prepared, latest } = snap;
    const now = engine.now();
    for (const nodeId of prepared.order) {
      const type = prepared.index.nodes.get(nodeId)!.type;
      const existing = latest.get(nodeId);
      if (nodeId === prepared.triggerId) {
        if (!existing) {
          const trigger = newStep(run, nodeId, type, {
            id: engine.newId('step'),
            now,
            status: 'done',
            output: run.input,
            attempts: 1,
            startedAt: now,
            endedAt: now,
          });
          latest.set(nodeId, await createStep(trigger, run.flowId));
          snap.steps.push(latest.get(nodeId)!);
        }
        continue;
      }
      if (existing && existing.status !== 'pending') {
        if (existing.status === 'running' && !engine.inFlight.has(existing.id))
          toRun.push(existing);
        continue;
      }
      const state = readiness(prepared, latest, nodeId);
      if (state === 'blocked') continue;
      if (existing) {
        if (state === 'skip')
          latest.set(nodeId, await saveStep({ ...existing, status: 'skipped', endedAt: now }));
        else if (!existing.wakeAt || existing.wakeAt <= now) toRun.push(existing);
        continue;
      }
      if (state === 'ready') {
        const finished = await runInlineStep(engine, snap, nodeId, type, createStep);
        if (finished) {
          latest.set(nodeId, finished);
          snap.steps.push(finished);
          continue;
        }
      }
      // A step that can start at once starts unwritten: it is written when it ends, or as
      // running if it runs longer than a moment (UnwrittenStarts). With a shared queue a
      // worker takes the step; this process holds no slot for it.
      if (state === 'ready' && !engine.queue && engine.slots.tryAcquire(run.flowId)) {
        const started = newStep(run, nodeId, type, {
          id: engine.newId('step'),
          now,
          status: 'running',
          attempts: 1,
          startedAt: now,
        });
        unwritten.hold(started);
        latest.set(nodeId, started);
        snap.steps.push(started);
        held.push(started);
        continue;
      }
      const created = await createStep(
        newStep(run, nodeId, type, {
          id: engine.newId('step'),
          now,
          status: state === 'skip' ? 'skipped' : 'pending',
          ...(state === 'skip' ? { endedAt: now } : {}),
        }),
        run.flowId,
      );
      latest.set(nodeId, created);
      snap.steps.push(created);
      if (state === 'ready') toRun.push(created);
    }
  }

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

  return { advance, snapshot, saveStep, saveRun, cancelOpenTasks, runJob, runPendingStep };
}
