import type { DecisionInput, Task } from '@tandem/schema';
import { decisionFailure, type DecisionFailure } from '../../inbox/decision-failure.js';
import {
  buildDecision,
  type DecisionDraft,
  type DecisionResult,
} from '../../inbox/decision-form.js';
import type { TaskDetail } from '../../inbox/inbox-api.js';

/**
 * Deciding a test run's checkpoint in the editor. A test task goes only to the designer who
 * started the run; their decisions move the run on as a reviewer's would, but are not recorded
 * as feedback, so rejecting needs no tags (they only feed the evidence) and its reason is optional.
 */

export type TestDecisionKind = 'approve' | 'requestChanges' | 'reject';

/** The open task a checkpoint waits on, from a run's tasks (`GET /api/runs/:id/tasks`). */
export function openTaskFor<T extends Pick<Task, 'nodeId' | 'status' | 'createdAt'>>(
  tasks: readonly T[],
  nodeId: string,
): T | null {
  const open = tasks.filter((t) => t.nodeId === nodeId && t.status === 'open');
  return open.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
}

/** The request body for a decision on a test task, or what is missing. */
export function testDecision(kind: TestDecisionKind, draft: DecisionDraft): DecisionResult {
  if (kind !== 'reject') return buildDecision(kind, draft);
  const revision = draft.revision === undefined ? {} : { revision: draft.revision };
  const reason = draft.note.trim();
  return { ok: true, input: { action: 'reject', ...(reason ? { reason } : {}), ...revision } };
}

/** What happens next, said once the decision is in. */
export const DECIDED_TEXT: Record<DecisionInput['action'], string> = {
  approve: 'Approved: the test run goes on.',
  edit: 'Approved with your edits: the test run goes on.',
  request_changes: 'Sent back: the AI step writes a new draft from your note.',
  reject: 'Rejected: the test run ends here, as a real one would.',
};

/** The content under review as editable text: its text, or its data as JSON. */
export function reviewText(content: Task['content']): string {
  if (typeof content.text === 'string') return content.text;
  return content.data === undefined ? '' : JSON.stringify(content.data, null, 2);
}

/** What came of sending a test decision, for the panel to show. */
export type TestDecisionOutcome =
  | { kind: 'decided'; text: string; task: TaskDetail | null }
  | { kind: 'invalid'; note: string | null; content: string | null }
  | { kind: 'refused'; failure: DecisionFailure };

/**
 * Builds and sends a decision on a test task (`send` is `decideTask`, stood in for by tests),
 * and reads the server's answer: decided, missing words, or refused and why.
 */
export async function sendTestDecision(
  taskId: string,
  kind: TestDecisionKind,
  draft: DecisionDraft,
  send: (id: string, input: DecisionInput) => Promise<TaskDetail | null>,
): Promise<TestDecisionOutcome> {
  const result = testDecision(kind, draft);
  if (!result.ok)
    return {
      kind: 'invalid',
      note: result.errors.note ?? null,
      content: result.errors.content ?? null,
    };
  try {
    const task = await send(taskId, result.input);
    return { kind: 'decided', text: DECIDED_TEXT[result.input.action], task };
  } catch (error) {
    return { kind: 'refused', failure: decisionFailure(error) };
  }
}
