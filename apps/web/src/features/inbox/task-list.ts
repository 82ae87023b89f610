import type { EngineEventOf, Task, TaskContent } from '@tandem/schema';
import { shorten } from '../../ui/format.js';
import { structuredSummary } from '../../ui/structured-data.js';
import { DUE_SOON_MS } from './countdown.js';

/**
 * What the inbox list needs of a task. `GET /api/tasks?status=open` returns at least these
 * fields; socket events carry whole tasks, which fit too.
 */
export type TaskSummary = Pick<
  Task,
  'id' | 'runId' | 'flowId' | 'nodeId' | 'status' | 'title' | 'flags' | 'dueAt' | 'claimedBy'
> &
  Partial<
    Pick<
      Task,
      | 'escalatedAt'
      | 'assignees'
      | 'createdAt'
      | 'kind'
      | 'revision'
      | 'startedBy'
      | 'separationOfDuties'
    >
  > & {
    /**
     * A quorum task whose content another reviewer edited: what is approved now is their text,
     * so it is read before it is approved (the server wants the revision read), never in bulk.
     */
    editedByReviewer?: boolean;
  };

export interface InboxFilter {
  flowId: string | null;
  /** `flowId:nodeId`, since node ids repeat across flows. */
  checkpoint: string | null;
  flaggedOnly: boolean;
  dueSoonOnly: boolean;
}

export const EMPTY_FILTER: InboxFilter = {
  flowId: null,
  checkpoint: null,
  flaggedOnly: false,
  dueSoonOnly: false,
};

export function checkpointKey(task: Pick<Task, 'flowId' | 'nodeId'>): string {
  return `${task.flowId}:${task.nodeId}`;
}

function isFlagged(task: Pick<Task, 'flags'>): boolean {
  return task.flags.length > 0;
}

function isDueSoon(task: Pick<Task, 'dueAt'>, now: number): boolean {
  if (!task.dueAt) return false;
  return Date.parse(task.dueAt) - now <= DUE_SOON_MS;
}

export function isFilterActive(filter: InboxFilter): boolean {
  return Boolean(filter.flowId || filter.checkpoint || filter.flaggedOnly || filter.dueSoonOnly);
}

const PREVIEW_CHARS = 90;

/**
 * The first line of the content under review, shortened: tasks of one checkpoint share a title
 * ("Review the draft"), so without it a reviewer cannot tell the list's items apart.
 */
export function contentPreview(content: Pick<TaskContent, 'text' | 'data'> | undefined): string {
  // Structured content's text is its JSON, whose first line is "{": say what is in it instead.
  if (typeof content?.data === 'object' && content.data !== null)
    return structuredSummary(content.data, PREVIEW_CHARS);
  const line =
    content?.text
      ?.split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  return shorten(line, PREVIEW_CHARS);
}

/** Earliest due first; tasks without a due time after those with one, oldest first. */
function compareTasks(a: TaskSummary, b: TaskSummary): number {
  const da = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const db = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  const ca = a.createdAt ?? '';
  const cb = b.createdAt ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function visibleTasks<T extends TaskSummary>(
  tasks: readonly T[],
  filter: InboxFilter,
  now: number,
): T[] {
  return tasks
    .filter((t) => !filter.flowId || t.flowId === filter.flowId)
    .filter((t) => !filter.checkpoint || checkpointKey(t) === filter.checkpoint)
    .filter((t) => !filter.flaggedOnly || isFlagged(t))
    .filter((t) => !filter.dueSoonOnly || isDueSoon(t, now))
    .sort(compareTasks);
}

export interface CheckpointOption {
  key: string;
  flowId: string;
  nodeId: string;
  title: string;
  count: number;
}

/**
 * The checkpoints present in the list, for the filter and for bulk approve. Task titles carry
 * per-run text ("Review post: {{ topic }}"), so a checkpoint is named by its flow and its step's
 * name ("Blog post · Editor review"); the node id ("review") only where the step has no name.
 */
export function checkpointOptions(
  tasks: readonly TaskSummary[],
  flowName: (flowId: string) => string = (id) => id,
  stepName: (flowId: string, nodeId: string) => string | undefined = () => undefined,
): CheckpointOption[] {
  const byKey = new Map<string, CheckpointOption>();
  for (const t of tasks) {
    const key = checkpointKey(t);
    const found = byKey.get(key);
    if (found) found.count += 1;
    else {
      const title = `${flowName(t.flowId)} · ${stepName(t.flowId, t.nodeId) ?? t.nodeId}`;
      byKey.set(key, { key, flowId: t.flowId, nodeId: t.nodeId, title, count: 1 });
    }
  }
  return [...byKey.values()].sort((a, b) => a.title.localeCompare(b.title));
}

const GONE_CHANGES = new Set(['decided', 'expired', 'canceled']);

/** A quorum task this user approved waits for other people; it is off their list. */
function approvedBy(task: Pick<Task, 'approvals'>, userId: string | undefined): boolean {
  return userId !== undefined && task.approvals.some((a) => a.actorId === userId);
}

/**
 * Folds a live event into the open-task list of `userId`: new tasks appear, claims and releases
 * update in place, decided/expired/canceled tasks and those the user approved already leave.
 * Returns the same array when nothing changed, so React skips the render.
 */
export function applyTaskEvent<T extends TaskSummary>(
  tasks: readonly T[],
  event: EngineEventOf<'task.created'> | EngineEventOf<'task.updated'>,
  toSummary: (task: Task) => T,
  userId?: string,
): readonly T[] {
  const { task } = event;
  const index = tasks.findIndex((t) => t.id === task.id);
  const gone =
    task.status !== 'open' ||
    (event.type === 'task.updated' && GONE_CHANGES.has(event.change)) ||
    approvedBy(task, userId);
  if (gone) return index === -1 ? tasks : tasks.filter((t) => t.id !== task.id);
  const current = index === -1 ? undefined : tasks[index];
  // A late event must not roll a task back to an older revision.
  if (current?.revision !== undefined && current.revision > task.revision) return tasks;
  const next = [...tasks];
  if (index === -1) next.push(toSummary(task));
  else next[index] = toSummary(task);
  return next;
}

/**
 * The task j/k moves to: `delta` steps from `currentId`, clamped to the list. `previousIds` is
 * the list as it was while the open task was still in it: a task someone else decided (or whose
 * run was canceled) leaves the list under the reviewer, and j then goes on from where it stood
 * rather than back to the top.
 */
export function moveSelection(
  ids: readonly string[],
  currentId: string | null,
  delta: number,
  previousIds: readonly string[] = [],
): string | null {
  if (ids.length === 0) return null;
  const index = currentId === null ? -1 : ids.indexOf(currentId);
  if (index === -1) return fromGoneTask(ids, currentId, delta, previousIds);
  const target = Math.min(ids.length - 1, Math.max(0, index + delta));
  return ids[target]!;
}

function fromGoneTask(
  ids: readonly string[],
  goneId: string | null,
  delta: number,
  previousIds: readonly string[],
): string {
  const at = goneId === null ? -1 : previousIds.indexOf(goneId);
  if (at !== -1) {
    const present = new Set(ids);
    const after = previousIds.slice(at + 1).find((id) => present.has(id));
    const before = previousIds
      .slice(0, at)
      .reverse()
      .find((id) => present.has(id));
    const pick = delta >= 0 ? (after ?? before) : (before ?? after);
    if (pick) return pick;
  }
  return delta >= 0 ? ids[0]! : ids[ids.length - 1]!;
}

/**
 * The task to open after deciding `decidedId`: the one that followed it in the list as it was
 * shown, else the one before, else none.
 */
export function nextAfterDecision(ids: readonly string[], decidedId: string): string | null {
  const index = ids.indexOf(decidedId);
  const rest = ids.filter((id) => id !== decidedId);
  if (rest.length === 0) return null;
  if (index === -1) return rest[0]!;
  return rest[Math.min(index, rest.length - 1)]!;
}

/**
 * Clean items of one checkpoint that this reviewer may approve in one go: not their own runs
 * where separation of duties applies, which the server would refuse one by one.
 */
export function bulkApprovable<T extends TaskSummary>(
  tasks: readonly T[],
  checkpoint: string,
  userId: string,
): T[] {
  return tasks.filter(
    (t) =>
      checkpointKey(t) === checkpoint &&
      t.status === 'open' &&
      !isFlagged(t) &&
      !(t.separationOfDuties && t.startedBy === userId) &&
      !t.editedByReviewer &&
      (t.claimedBy === null || t.claimedBy === userId),
  );
}

/**
 * What bulk approve offers: the clean tasks the list shows, of the checkpoint filtered on or the
 * only one shown. It offered every clean task of the checkpoint, those a filter hid included:
 * with "Flagged" ticked, a list of flagged tasks sat under "Approve 4 clean" for four tasks the
 * reviewer could not see.
 */
export function bulkInView<T extends TaskSummary>(
  shown: readonly T[],
  checkpointFilter: string | null | undefined,
  userId: string,
): { checkpoint: string; tasks: T[] } | null {
  const shownCheckpoints = new Set(shown.map(checkpointKey));
  const checkpoint =
    checkpointFilter ?? (shownCheckpoints.size === 1 ? [...shownCheckpoints][0]! : null);
  return checkpoint ? { checkpoint, tasks: bulkApprovable(shown, checkpoint, userId) } : null;
}

/**
 * How many clean tasks bulk approve would offer if the reviewer picked a checkpoint, when the
 * list shows several and none is picked; else 0. Bulk approve covers one checkpoint at a time
 * (each has its own reviewers, rules and evidence), and with two in the list its button just
 * disappeared, with nothing saying why.
 */
export function cleanAcrossCheckpoints<T extends TaskSummary>(
  shown: readonly T[],
  checkpointFilter: string | null | undefined,
  userId: string,
): number {
  if (checkpointFilter) return 0;
  const checkpoints = [...new Set(shown.map(checkpointKey))];
  if (checkpoints.length < 2) return 0;
  const counts = checkpoints.map((c) => bulkApprovable(shown, c, userId).length);
  return counts.some((n) => n > 1) ? counts.reduce((a, b) => a + b, 0) : 0;
}

/** "(3) Inbox · Tandem": the count in the tab title, so new work shows in a background tab. */
export function inboxTitle(count: number, base = 'Inbox · Tandem'): string {
  return count > 0 ? `(${count > 99 ? '99+' : count}) ${base}` : base;
}

/** "no tasks", "1 task", "3 tasks": the count as the inbox heading says it to a screen reader. */
export function taskCount(count: number): string {
  if (count === 0) return 'no tasks';
  return `${count} task${count === 1 ? '' : 's'}`;
}
