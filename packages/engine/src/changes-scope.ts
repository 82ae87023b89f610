import { isAppError } from '@tandem/schema';
import type { Step } from '@tandem/schema';
import { descendantsOf, nodesBetween } from '@tandem/nodes';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { checkpointState } from './checkpoint.js';

/**
 * What a request for changes at `checkpoint` redoes: the steps from the AI step (`sourceId`) to
 * the checkpoint, and every other review of that AI step's output that already has a step (a
 * review beside it: legal and brand), with the steps leading to it. Left as it was, a review
 * beside it kept its approval of the draft before, or its open task showed that draft, and the
 * redraft could never go out with both approvals. Reviews after the checkpoint are not reached
 * yet and see the redraft anyway.
 */
export function redraftScope(
  snapshot: RunSnapshot,
  sourceId: string,
  checkpoint: Step,
): { nodes: Set<string>; besides: Step[] } {
  const { index, order } = snapshot.prepared;
  const nodes = nodesBetween(index, sourceId, checkpoint.nodeId);
  const fromSource = descendantsOf(index, sourceId);
  const afterCheckpoint = descendantsOf(index, checkpoint.nodeId);
  const besides: Step[] = [];
  for (const nodeId of order) {
    if (nodes.has(nodeId) || afterCheckpoint.has(nodeId) || !fromSource.has(nodeId)) continue;
    if (index.nodes.get(nodeId)?.type !== 'human.review') continue;
    const step = snapshot.latest.get(nodeId);
    if (step?.status !== 'waiting' && step?.status !== 'done') continue;
    besides.push(step);
    for (const id of nodesBetween(index, sourceId, nodeId)) nodes.add(id);
  }
  return { nodes, besides };
}

/** Closes the open task of a review beside the checkpoint: its next round shows the redraft. */
export async function cancelSupersededTask(engine: EngineContext, step: Step): Promise<void> {
  const taskId = step.status === 'waiting' ? checkpointState(step)?.taskId : undefined;
  if (!taskId) return;
  const task = await engine.store.tasks.find(taskId);
  if (task?.status !== 'open') return;
  try {
    const saved = await engine.store.tasks.update({
      ...task,
      status: 'canceled',
      claimedBy: null,
      claimedAt: null,
      updatedAt: engine.now(),
    });
    engine.emit({ type: 'task.updated', task: saved, change: 'canceled' });
  } catch (error) {
    // Decided meanwhile: its step is superseded, so the decision moves nothing.
    if (!isAppError(error, 'CONFLICT')) throw error;
  }
}
