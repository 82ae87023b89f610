import type { DecisionInput, Flow, Task } from '@tandem/schema';
import { api } from '../../api/client.js';
import { contentPreview, type TaskSummary } from './task-list.js';

/** Lists come back either bare or as a page (`{ items, nextCursor }`); read both. */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/**
 * A task as the inbox holds it; the server may add the claimer's name to save a lookup. The
 * list shows the content's first line and the round, not the whole content.
 */
export type InboxTask = TaskSummary & {
  claimedByName?: string | null;
  preview?: string;
  round?: number;
};

export function toInboxTask(task: Task & { claimedByName?: string | null }): InboxTask {
  return {
    id: task.id,
    runId: task.runId,
    flowId: task.flowId,
    nodeId: task.nodeId,
    status: task.status,
    title: task.title,
    flags: task.flags,
    dueAt: task.dueAt,
    claimedBy: task.claimedBy,
    escalatedAt: task.escalatedAt,
    assignees: task.assignees,
    createdAt: task.createdAt,
    kind: task.kind,
    revision: task.revision,
    startedBy: task.startedBy,
    separationOfDuties: task.separationOfDuties,
    editedByReviewer: task.approvals.some((a) => a.action === 'edit'),
    claimedByName: task.claimedByName ?? null,
    preview: contentPreview(task.content),
    round: task.round,
  };
}

export async function listOpenTasks(signal?: AbortSignal): Promise<InboxTask[]> {
  const body = await api.get<unknown>('/api/tasks', { query: { status: 'open' }, signal });
  return itemsOf<Task>(body).map(toInboxTask);
}

/** A finished step before the checkpoint, as `GET /api/tasks/:id` lists it. */
export interface ContextStep {
  nodeId: string;
  type: string;
  label: string | null;
  output: unknown;
}

/** What `GET /api/tasks/:id` adds around the task: the reviewer's context. */
export interface TaskExtras {
  canDecide?: boolean;
  /** The caller's quorum approval is in; the task waits for other approvers. */
  approvedByYou?: boolean;
  /** Why the caller may not approve (they started the run), while they may still reject. */
  approveBlockedReason?: string | null;
  /** Rounds of changes the checkpoint allows in all. */
  maxRounds?: number | null;
  /** On a redraft: the note it was sent back with, by whom, and the draft sent back. */
  previousRound?: { note: string; actorName: string | null; at: string; text: string } | null;
  flow?: { id: string; name: string; versionNumber: number };
  run?: { id: string; status: string; input: unknown; startedBy: string | null; createdAt: string };
  context?: ContextStep[];
}

export type TaskDetail = Task & { claimedByName?: string | null; extras?: TaskExtras };

/** `GET /api/tasks/:id` answers `{ task, canDecide, flow, run, context }`. */
export async function getTask(id: string, signal?: AbortSignal): Promise<TaskDetail> {
  const body = await api.get<(TaskExtras & { task: Task }) | Task>(
    `/api/tasks/${encodeURIComponent(id)}`,
    { signal },
  );
  if ('task' in body && body.task) {
    const { task, ...extras } = body;
    return { ...task, extras };
  }
  return body as Task;
}

function readTask(body: unknown): TaskDetail | null {
  if (!body || typeof body !== 'object') return null;
  const inner = (body as { task?: unknown }).task;
  const task = (inner && typeof inner === 'object' ? inner : body) as Partial<TaskDetail>;
  return typeof task.id === 'string' && typeof task.status === 'string'
    ? (task as TaskDetail)
    : null;
}

export async function claimTask(id: string): Promise<TaskDetail | null> {
  return readTask(await api.post<unknown>(`/api/tasks/${encodeURIComponent(id)}/claim`));
}

export async function releaseTask(id: string): Promise<void> {
  await api.post(`/api/tasks/${encodeURIComponent(id)}/release`);
}

/**
 * Hands the claim back as the page goes away (reload, closed tab, typed address). A plain
 * request dies with the page, which left the task locked to this reviewer for the claim's
 * lifetime; a keepalive request outlives it.
 */
export function releaseTaskOnUnload(id: string): void {
  void api
    .post(`/api/tasks/${encodeURIComponent(id)}/release`, undefined, { keepalive: true })
    .catch(() => undefined);
}

/** `keepalive` sends a held decision as the page goes away (see pending-decisions.ts). */
export async function decideTask(
  id: string,
  input: DecisionInput,
  keepalive = false,
): Promise<TaskDetail | null> {
  const path = `/api/tasks/${encodeURIComponent(id)}/decision`;
  return readTask(await api.post<unknown>(path, input, keepalive ? { keepalive } : undefined));
}

export async function getFlow(id: string, signal?: AbortSignal): Promise<Flow> {
  const body = await api.get<Flow | { flow: Flow }>(`/api/flows/${encodeURIComponent(id)}`, {
    signal,
  });
  return 'flow' in body ? body.flow : body;
}

export interface FlowName {
  id: string;
  name: string;
  /** Tells apart flows of the same name (flow-labels.ts). */
  createdAt?: string;
  /** Each step's name by node id, as the flow's draft names it: checkpoints go by these. */
  stepNames?: Record<string, string>;
}

interface ListedFlow extends FlowName {
  graph?: { nodes?: { id: string; label?: string }[] };
}

function stepNamesOf(flow: ListedFlow): Record<string, string> {
  const names: Record<string, string> = {};
  for (const node of flow.graph?.nodes ?? []) if (node.label?.trim()) names[node.id] = node.label;
  return names;
}

/** Every flow's name (up to the API's largest page), for filters and for naming flows by id. */
export async function listFlowNames(signal?: AbortSignal): Promise<FlowName[]> {
  const body = await api.get<unknown>('/api/flows', { signal, query: { limit: 500 } });
  return itemsOf<ListedFlow>(body).map((f) => ({
    id: f.id,
    name: f.name,
    createdAt: f.createdAt,
    stepNames: stepNamesOf(f),
  }));
}
