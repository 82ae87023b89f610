import { isAppError } from '@tandem/schema';
import type { Decision, Step, Task } from '@tandem/schema';
import type { CheckpointDecision, JsonValue, NodeRunResult } from '@tandem/nodes';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import type { RunExecutor } from './run-executor.js';
import { newStep, TERMINAL_RUN } from './run-state.js';
import { buildNodeContext, finishedStep, noPublishing } from './step-context.js';
import { cancelSupersededTask, redraftScope } from './changes-scope.js';

/** Runs the checkpoint node's resume for a decision: pure, so decide() can validate first. */
export async function checkpointResult(
  engine: EngineContext,
  snapshot: RunSnapshot,
  step: Step,
  task: Task,
  decision: Pick<Decision, 'action' | 'content' | 'reason' | 'actorId'>,
): Promise<NodeRunResult> {
  const definition = snapshot.prepared.definitions.get(step.nodeId)!;
  const ctx = await buildNodeContext(engine, snapshot, step, noPublishing);
  const action = decision.action === 'request_changes' ? 'reject' : decision.action;
  const checkpointDecision: CheckpointDecision = {
    action,
    actorId: decision.actorId,
    ...(decision.content !== undefined ? { content: decision.content } : {}),
    ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
  };
  return definition.resume!(ctx, { decision: checkpointDecision, content: task.content });
}

/**
 * The reviewer asked for changes: the AI step and everything between it and this checkpoint
 * (and reviews beside it, see redraftScope) get a new iteration; the AI step sees the note and
 * its previous draft. Creating the new steps before closing the old one keeps a crash in
 * between recoverable.
 */
async function requestChanges(
  engine: EngineContext,
  executor: RunExecutor,
  snapshot: RunSnapshot,
  step: Step,
  task: Task,
  note: string,
): Promise<void> {
  const { prepared, run } = snapshot;
  const sourceId = task.content.sourceNodeId!;
  const { nodes: between, besides } = redraftScope(snapshot, sourceId, step);
  // Closed first: a crash before the new round leaves the review waiting, found again here.
  for (const beside of besides) await cancelSupersededTask(engine, beside);
  const now = engine.now();
  for (const nodeId of prepared.order) {
    if (!between.has(nodeId)) continue;
    const previous = snapshot.latest.get(nodeId);
    // Made for this request already, by a pass a crash cut short.
    if (previous && previous.state.changesFor === step.id) continue;
    // Each node goes one past its own newest iteration: an earlier checkpoint's rounds may have
    // taken the AI step past this checkpoint's, and the same number would find it "done".
    const iteration = (previous?.iteration ?? -1) + 1;
    const state: Record<string, JsonValue> = {
      changesFor: step.id,
      ...(nodeId === sourceId
        ? { revision: { note, previous: (previous?.output ?? null) as JsonValue } }
        : {}),
    };
    try {
      const created = await engine.store.steps.create(
        newStep(run, nodeId, prepared.index.nodes.get(nodeId)!.type, {
          id: engine.newId('step'),
          now,
          iteration,
          status: 'pending',
          state,
        }),
      );
      engine.emit({ type: 'step.updated', step: created, flowId: run.flowId });
    } catch (error) {
      if (!isAppError(error, 'CONFLICT')) throw error;
    }
  }
  await executor.saveStep({
    ...step,
    status: 'done',
    handle: 'changes_requested',
    output: { changesRequested: true, note, round: task.round },
    endedAt: now,
  });
}

/**
 * Carries a settled task (decided by people, or expired at its due time) into its step and
 * moves the run on. Idempotent: a step no longer waiting, or superseded, is left alone.
 */
export async function resumeFromTask(
  engine: EngineContext,
  executor: RunExecutor,
  task: Task,
): Promise<void> {
  if (task.kind !== 'blocking' || !task.decision) return;
  const decision = task.decision;
  await engine.runLocks.run(task.runId, async () => {
    const snapshot = await executor.snapshot(task.runId);
    if (TERMINAL_RUN.has(snapshot.run.status)) return;
    const step = snapshot.latest.get(task.nodeId);
    if (!step || step.id !== task.stepId || step.status !== 'waiting') return;
    if (decision.action === 'request_changes') {
      await requestChanges(engine, executor, snapshot, step, task, decision.reason ?? '');
      return;
    }
    const result = await checkpointResult(engine, snapshot, step, task, decision);
    if (result.kind !== 'done') throw new Error('A checkpoint resume must finish the step');
    await executor.saveStep(finishedStep(step, result, engine.now()));
  });
  await executor.advance(task.runId);
}
