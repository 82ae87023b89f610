import { AppError, conflict } from '@tandem/schema';
import type { Publication, Step } from '@tandem/schema';
import type { Actor } from './engine.types.js';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import type { RunExecutor } from './run-executor.js';
import { checkpointState, createTask } from './checkpoint.js';

/**
 * The task a step holds and the state field that names it: a waiting checkpoint's blocking
 * task, or the after-the-fact spot check of an item that passed.
 */
function heldTask(step: Step): { taskId: string; field: 'taskId' | 'spotTaskId' } | null {
  if (step.status === 'waiting') {
    const state = checkpointState(step);
    return state ? { taskId: state.taskId, field: 'taskId' } : null;
  }
  const spotTaskId = step.status === 'done' ? step.state.spotTaskId : undefined;
  return typeof spotTaskId === 'string' ? { taskId: spotTaskId, field: 'spotTaskId' } : null;
}

/**
 * The run failed, which canceled its open tasks, but their checkpoints still wait: a revived
 * run waited on them for good, with nobody able to decide. Each gets its task again, as a new
 * task (same content, assignees, approvals and due time), which its step now names. A spot
 * check the failure canceled comes back too: the revived run's item may still go out, and a
 * sample lost to an unrelated failure left the checkpoint's evidence short of it.
 */
async function reissueCanceledTasks(
  engine: EngineContext,
  executor: RunExecutor,
  snapshot: RunSnapshot,
): Promise<void> {
  for (const step of snapshot.latest.values()) {
    const held = heldTask(step);
    if (!held) continue;
    const canceled = await engine.store.tasks.find(held.taskId);
    if (canceled?.status !== 'canceled') continue;
    const now = engine.now();
    const task = await createTask(engine, {
      ...canceled,
      id: engine.newId('task'),
      status: 'open',
      claimedBy: null,
      claimedAt: null,
      createdAt: now,
      updatedAt: now,
      revision: 0,
    });
    await executor.saveStep({ ...step, state: { ...step.state, [held.field]: task.id } });
  }
}

/**
 * An admin re-sends a dead letter: the failed publish step runs again with a fresh retry
 * budget and the same idempotency key, so the receiver can still deduplicate.
 */
export function createPublicationReplay(engine: EngineContext, executor: RunExecutor) {
  const { store } = engine;

  async function replayPublication(publicationId: string, actor: Actor): Promise<Publication> {
    if (!actor.roles.includes('admin')) {
      throw new AppError({
        code: 'FORBIDDEN',
        origin: 'user',
        message: 'Only admins replay publications',
      });
    }
    const { runId } = await store.publications.get(publicationId);
    // Step, run and publication change together under the run's lock: in between, a cancel or
    // another replay of the run would find a pending step beside a publication still dead.
    const replayed = await engine.runLocks.run(runId, async () => {
      const publication = await store.publications.get(publicationId);
      if (publication.status !== 'dead' && publication.status !== 'failed') {
        throw conflict(
          'Publication',
          publicationId,
          `This publication is ${publication.status}; only dead letters are replayed`,
        );
      }
      const snapshot = await executor.snapshot(publication.runId);
      const step = snapshot.latest.get(publication.nodeId);
      if (!step || step.status !== 'failed') {
        throw conflict('Publication', publicationId, 'The publish step is not in a failed state');
      }
      if (snapshot.run.status === 'failed') {
        await executor.saveRun({ ...snapshot.run, status: 'running', error: null, endedAt: null });
        await reissueCanceledTasks(engine, executor, snapshot);
      } else if (snapshot.run.status !== 'running' && snapshot.run.status !== 'waiting') {
        throw conflict('Publication', publicationId, `The run is ${snapshot.run.status}`);
      }
      await executor.saveStep({
        ...step,
        status: 'pending',
        attempts: 0,
        error: null,
        endedAt: null,
        wakeAt: null,
        state: { ...step.state, replayedBy: actor.id },
      });
      const pending = await store.publications.update({
        ...publication,
        status: 'pending',
        updatedAt: engine.now(),
      });
      engine.emit({ type: 'publication.updated', publication: pending });
      // Another step of the run still failed (a second dead letter): a pass would fail the run
      // again before this step ran, so it is run on its own; the run then fails on the other.
      const othersFailed = [...snapshot.latest.values()].some(
        (s) => s.status === 'failed' && s.id !== step.id,
      );
      return { key: publication.key, stepId: step.id, othersFailed };
    });
    await engine.audit({
      actorId: actor.id,
      action: 'publication.replayed',
      subjectType: 'publication',
      subjectId: replayed.key,
      details: { publicationId, runId },
    });
    if (replayed.othersFailed) await executor.runPendingStep(runId, replayed.stepId);
    else await executor.advance(runId);
    return store.publications.get(publicationId);
  }

  return { replayPublication };
}
