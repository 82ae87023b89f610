import type { Decision, DecisionAction, Run, Task, TaskStatus } from '@tandem/schema';
import { checkpointOutcomes, stepErrorView, type StepView } from './run-view.js';

/** A decision as the server returns it: with the decider's display name. */
export type NamedDecision = Decision & { actorName?: string | null };

/** A task as `GET /api/runs/:id/tasks` returns it (read-only, names included). */
export type RunTask = Omit<Task, 'decision' | 'approvals'> & {
  decision: NamedDecision | null;
  approvals: NamedDecision[];
  claimedByName?: string | null;
};

/** A checkpoint step as `GET /api/runs/:id` returns it, with its decider's name. */
export type RunStep = StepView & { decidedByName?: string | null };

export const DECISION_LABELS: Record<DecisionAction, string> = {
  approve: 'Approved',
  edit: 'Approved with edits',
  request_changes: 'Requested changes',
  reject: 'Rejected',
};

export const TASK_STATUS_LABELS: Record<TaskStatus | 'passed', string> = {
  open: 'Waiting for a reviewer',
  decided: 'Decided',
  expired: 'Expired',
  canceled: 'Canceled',
  passed: 'Passed without review',
};

export interface ReviewDecision {
  action: DecisionAction;
  /** The decider's name, or "you". */
  by: string;
  at: string | null;
  reason: string | null;
  tags: string[];
}

/** One checkpoint visit: its task (status, decisions) or the automation's pass. */
export interface ReviewEntry {
  key: string;
  nodeId: string;
  round: number;
  status: TaskStatus | 'passed';
  /** The task to open, when there is one. */
  taskId: string | null;
  spotCheck: boolean;
  /** Why no human decided: the automation level. */
  passedBy: string | null;
  decisions: ReviewDecision[];
  at: string;
}

/** Every decision a task holds: quorum approvals plus the final decision, oldest first. */
function decisionsOf(task: Pick<RunTask, 'approvals' | 'decision'>): NamedDecision[] {
  const all = [...task.approvals];
  if (task.decision && !all.some((d) => d.at === task.decision!.at)) all.push(task.decision);
  return all;
}

/**
 * The run page's review section: each task of the run with its status and decisions, plus the
 * checkpoints the automation passed without one. Without the tasks (they could not be loaded)
 * the checkpoint steps' own record of who decided stands in for them.
 */
export function reviewEntries(
  steps: readonly RunStep[],
  tasks: readonly RunTask[] | null,
  meId: string | null,
): ReviewEntry[] {
  const person = (id: string | null, name: string | null | undefined) =>
    id && id === meId ? 'you' : (name ?? id ?? 'someone');
  const entries: ReviewEntry[] = (tasks ?? []).map((task) => ({
    key: task.id,
    nodeId: task.nodeId,
    round: task.round,
    status: task.status,
    taskId: task.id,
    spotCheck: task.kind === 'spot_check',
    passedBy: null,
    decisions: decisionsOf(task).map((d) => ({
      action: d.action,
      by: person(d.actorId, d.actorName),
      at: d.at,
      reason: d.reason ?? null,
      tags: d.tags,
    })),
    at: task.createdAt,
  }));
  const names = new Map(steps.map((s) => [`${s.nodeId}:${s.iteration ?? 0}`, s.decidedByName]));
  for (const o of checkpointOutcomes(steps)) {
    if (!o.passedBy && tasks) continue;
    entries.push({
      key: `${o.nodeId}:${o.iteration}`,
      nodeId: o.nodeId,
      round: o.iteration,
      status: o.passedBy ? 'passed' : 'decided',
      taskId: null,
      spotCheck: false,
      passedBy: o.passedBy,
      decisions: o.passedBy
        ? []
        : [
            {
              action:
                o.outcome === 'rejected' ? 'reject' : o.outcome === 'edited' ? 'edit' : 'approve',
              by: person(o.decidedBy, names.get(`${o.nodeId}:${o.iteration}`)),
              at: o.at,
              reason: o.reason,
              tags: [],
            },
          ],
      at: o.at ?? '',
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The run's problem in words; the status badge already says "Canceled", so no code is shouted,
 * and a canceled run says who called it off (the server names them; the run keeps the id).
 * A failure says what to do next, as its step does further down: the banner at the top is what
 * a manager reads, and it used to stop at the error. `attempts` is the failed step's.
 */
export function runNotice(
  run: Pick<Run, 'status' | 'error'> & { canceledByName?: string },
  attempts = 1,
): { tone: 'danger' | 'info'; text: string; hint: string | null; code: string | null } | null {
  if (run.status === 'canceled') {
    const by = run.canceledByName ? ` by ${run.canceledByName}` : '';
    return { tone: 'info', text: `This run was canceled${by}.`, hint: null, code: null };
  }
  if (!run.error) return null;
  const message = run.error.message.replace(/\.?$/, '.');
  return {
    tone: 'danger',
    text: run.status === 'failed' ? `The run failed: ${message}` : message,
    hint: run.status === 'failed' ? stepErrorView(run.error, attempts).hint : null,
    code: run.error.code,
  };
}

/**
 * Why a run that succeeded published nothing: a reviewer rejected its content. "Succeeded"
 * alone read as "it went out", and the rejection sat three sections down; null unless the run
 * came to `rejected` (its recorded outcome, which the status badge says too).
 */
export function runOutcome(
  run: Pick<Run, 'status' | 'outcome'>,
  entries: readonly ReviewEntry[],
  nameOf: (nodeId: string) => string,
): string | null {
  if (run.status !== 'succeeded' || run.outcome !== 'rejected') return null;
  const rejected = entries.findLast((e) => e.decisions.at(-1)?.action === 'reject');
  const decision = rejected?.decisions.at(-1);
  if (!rejected || !decision) return null;
  const by = decision.by.charAt(0).toUpperCase() + decision.by.slice(1);
  const reason = decision.reason ? ` (“${decision.reason}”)` : '';
  return `Nothing was published: ${by} rejected it at ${nameOf(rejected.nodeId)}${reason}.`;
}
