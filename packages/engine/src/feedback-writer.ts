import { MAX_DECISION_HOLD_MS, type Decision, type Feedback, type Task } from '@tandem/schema';
import type { EngineContext } from './engine-context.js';
import { editSize as wordEditSize } from '@tandem/nodes';

/**
 * Records a decision on AI output: what the model wrote, what the human let through, how much
 * they changed. Evidence, recommendations and the learning loop all read these records, so a
 * test run's decisions are not recorded.
 */
export async function writeFeedback(
  engine: EngineContext,
  task: Task,
  decision: Decision,
  context: {
    original: string;
    final: string;
    flagged: boolean;
    sampled: boolean;
    edited: boolean;
    /** How long the reviewer's page held the decision for undo before sending it. */
    heldMs?: number;
  },
): Promise<Feedback | null> {
  // A designer's test decisions must not move evidence, recommendations or learned examples.
  if (task.test || !task.content.sourceNodeId) return null;
  const approving = decision.action === 'approve' || decision.action === 'edit';
  const final = approving ? context.final : context.original;
  const editSize = approving ? wordEditSize(context.original, final) : 0;
  const action = approving
    ? context.edited || editSize > 0
      ? 'edit'
      : 'approve'
    : decision.action;
  const feedback: Feedback = {
    id: engine.newId('fb'),
    flowId: task.flowId,
    nodeId: task.nodeId,
    sourceNodeId: task.content.sourceNodeId,
    runId: task.runId,
    taskId: task.id,
    promptVersion: task.content.promptVersion ?? null,
    action,
    original: context.original,
    final,
    editSize,
    reason: decision.reason ?? null,
    tags: decision.tags,
    flagged: context.flagged,
    sampled: context.sampled,
    actorId: decision.actorId,
    timeToDecideMs: timeToDecide(task, decision, context.heldMs ?? 0),
    createdAt: engine.now(),
  };
  return engine.store.feedback.create(feedback);
}

/**
 * From the task's creation to the reviewer's decision. A decision held in the page for undo
 * arrives after it was made: the hold is taken off, at most the longest hold the inbox offers.
 */
function timeToDecide(task: Task, decision: Decision, heldMs: number): number {
  const held = Math.min(Math.max(0, heldMs), MAX_DECISION_HOLD_MS);
  return Math.max(0, Date.parse(decision.at) - Date.parse(task.createdAt) - held);
}
