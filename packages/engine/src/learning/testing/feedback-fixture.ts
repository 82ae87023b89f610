import { editSize } from '@tandem/nodes';
import type { Feedback } from '@tandem/schema';

let counter = 0;

/**
 * A Feedback record for tests: defaults describe an unedited approval on AI step "draft" of flow
 * "flow-1"; `final` defaults to `original` and `editSize` is computed from the two.
 */
export function feedback(over: Partial<Feedback> & { original?: string } = {}): Feedback {
  counter += 1;
  const original = over.original ?? 'We are launching a new product.';
  const final = over.final ?? original;
  const action = over.action ?? (final === original ? 'approve' : 'edit');
  return {
    id: `fb-${counter}`,
    flowId: 'flow-1',
    nodeId: 'review',
    sourceNodeId: 'draft',
    runId: `run-${counter}`,
    taskId: `task-${counter}`,
    promptVersion: 'pv-1',
    action,
    original,
    final,
    editSize: editSize(original, final),
    reason: null,
    tags: [],
    flagged: false,
    sampled: false,
    actorId: 'reviewer-1',
    timeToDecideMs: 30_000,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, counter)).toISOString(),
    ...over,
  };
}
