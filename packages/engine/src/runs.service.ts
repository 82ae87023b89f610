import { AppError, SafeRecordSchema, conflict, isAppError, validationError } from '@tandem/schema';
import type { FlowVersion, Run, Step } from '@tandem/schema';
import { acceptsAnyInput, parseRunInput } from '@tandem/nodes';
import type { InputField } from '@tandem/nodes';
import type { Actor, StartRunInput } from './engine.types.js';
import type { EngineContext } from './engine-context.js';
import type { RunExecutor } from './run-executor.js';
import { recordMissingOutcomes } from './run-outcome.js';
import { TERMINAL_RUN } from './run-state.js';
import { checkpointState } from './checkpoint.js';
import { resumeFromTask } from './checkpoint-resume.js';
import { abortRunSteps } from './step-abort.js';
import { settleUnsentPublications } from './unsent-publications.js';

export function createRunsService(engine: EngineContext, executor: RunExecutor) {
  const { store } = engine;

  async function resolveVersion(input: StartRunInput): Promise<FlowVersion> {
    if (input.flowVersionId) return store.flowVersions.get(input.flowVersionId);
    if (!input.flowId) throw validationError([{ path: ['flowId'], message: 'Required' }]);
    const latest = await store.flowVersions.latest(input.flowId);
    if (!latest) {
      throw new AppError({
        code: 'FLOW_NOT_PUBLISHED',
        origin: 'user',
        message: 'Publish the flow before running it',
        details: { flowId: input.flowId },
      });
    }
    return latest;
  }

  /** Checks the input against the trigger's fields, then records the run and starts it. */
  async function startRun(input: StartRunInput): Promise<Run> {
    // A test run's tasks go to its starter alone: without one, nobody could decide them.
    if (input.test && !input.startedBy) {
      throw validationError([
        { path: ['startedBy'], message: 'A test run needs the user who starts it' },
      ]);
    }
    const version = await resolveVersion(input);
    const prepared = await engine.prepare(version.id);
    const trigger = prepared.definitions.get(prepared.triggerId)!;
    const fields = (prepared.configs.get(prepared.triggerId) as { fields: InputField[] }).fields;
    const raw = input.input ?? {};
    const safe = SafeRecordSchema.safeParse(raw);
    if (!safe.success) {
      throw validationError(safe.error.issues.map((i) => ({ ...i, path: ['input', ...i.path] })));
    }
    // A webhook trigger without declared fields takes the body as it comes.
    const runInput = acceptsAnyInput(trigger.type, fields)
      ? safe.data
      : parseRunInput(fields, safe.data);
    const now = engine.now();
    const run = await store.runs
      .create({
        id: input.runId ?? engine.newId('run'),
        flowId: version.flowId,
        flowVersionId: version.id,
        versionNumber: version.number,
        status: 'running',
        input: JSON.parse(JSON.stringify(runInput)),
        startedBy: input.startedBy,
        error: null,
        usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
        createdAt: now,
        updatedAt: now,
        endedAt: null,
        ...(input.test ? { test: true as const } : {}),
        revision: 0,
      })
      .catch((error: unknown) => {
        // Only a caller-chosen id can be taken; saying so apart from a revision conflict lets
        // the caller answer "already started" without guessing.
        if (input.runId && isAppError(error, 'CONFLICT')) {
          throw new AppError({
            code: 'CONFLICT',
            origin: 'user',
            message: `Run ${input.runId} already exists`,
            details: { id: input.runId, reason: 'run_exists' },
            cause: error,
          });
        }
        throw error;
      });
    engine.emit({ type: 'run.updated', run });
    await executor.advance(run.id);
    return store.runs.get(run.id);
  }

  async function cancelRun(runId: string, actor: Actor): Promise<Run> {
    const run = await engine.runLocks.run(runId, async () => {
      const snapshot = await executor.snapshot(runId);
      if (TERMINAL_RUN.has(snapshot.run.status)) {
        throw conflict(
          'Run',
          runId,
          `This run already ${snapshot.run.status === 'canceled' ? 'was canceled' : 'finished'}`,
        );
      }
      const now = engine.now();
      const canceled = await executor.saveRun({
        ...snapshot.run,
        status: 'canceled',
        endedAt: now,
        error: { code: 'CANCELED', message: 'Canceled', origin: 'user', retryable: false },
        canceledBy: actor.id,
      });
      for (const step of snapshot.latest.values()) {
        if (step.status !== 'pending' && step.status !== 'waiting') continue;
        await executor.saveStep({ ...step, status: 'skipped', wakeAt: null, endedAt: now });
      }
      await executor.cancelOpenTasks(runId);
      await settleUnsentPublications(engine, runId);
      abortRunSteps(engine, runId);
      return canceled;
    });
    await engine.audit({
      actorId: actor.id,
      action: 'run.canceled',
      subjectType: 'run',
      subjectId: runId,
      details: { flowId: run.flowId },
    });
    return run;
  }

  async function reconcileWaiting(step: Step): Promise<void> {
    const state = checkpointState(step);
    if (!state) return;
    const task = await store.tasks.find(state.taskId);
    if (task && (task.status === 'decided' || task.status === 'expired')) {
      await resumeFromTask(engine, executor, task);
    }
  }

  /**
   * After a restart: every unfinished run gets a pass (interrupted steps run again, publish
   * with the same key), checkpoints whose task was settled before the crash move on.
   */
  async function recover(): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await store.runs.list({
        status: ['running', 'waiting'],
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const run of page.items) {
        const steps = await store.steps.listByRun(run.id);
        for (const step of steps) if (step.status === 'waiting') await reconcileWaiting(step);
        await executor.advance(run.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    await recordMissingOutcomes(store, engine.logger);
  }

  return { startRun, cancelRun, recover };
}
