import type { DecisionInput, Flow, Run, Task } from '@tandem/schema';
import { api } from '../../api/client.js';
import type { StepView } from '../runs/run-view.js';
import type { TaskSummary } from './task-list.js';

/** Lists come back either bare or as a page (`{ items, nextCursor }`); read both. */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** A task as the inbox holds it; the server may add the claimer's name to save a lookup. */
export type InboxTask = TaskSummary & { claimedByName?: string | null };

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
    createdAt: task.createdAt,
    kind: task.kind,
    revision: task.revision,
    claimedByName: task.claimedByName ?? null,
  };
}

export async function listOpenTasks(signal?: AbortSignal): Promise<InboxTask[]> {
  const body = await api.get<unknown>('/api/tasks', { query: { status: 'open' }, signal });
  return itemsOf<Task>(body).map(toInboxTask);
}

export type TaskDetail = Task & {
  claimedByName?: string | null;
  context?: unknown;
};

/** `GET /api/tasks/:id` may answer the task itself or `{ task, ... }` with context beside it. */
export async function getTask(id: string, signal?: AbortSignal): Promise<TaskDetail> {
  const body = await api.get<TaskDetail | { task: TaskDetail; context?: unknown }>(
    `/api/tasks/${encodeURIComponent(id)}`,
    { signal },
  );
  if ('task' in body && body.task && typeof body.task === 'object') {
    return { ...body.task, context: body.context ?? body.task.context };
  }
  return body as TaskDetail;
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

export async function decideTask(id: string, input: DecisionInput): Promise<TaskDetail | null> {
  return readTask(await api.post<unknown>(`/api/tasks/${encodeURIComponent(id)}/decision`, input));
}

export type RunWithSteps = Run & { steps: StepView[] };

export async function getRun(id: string, signal?: AbortSignal): Promise<RunWithSteps> {
  const body = await api.get<RunWithSteps | { run: Run; steps: StepView[] }>(
    `/api/runs/${encodeURIComponent(id)}`,
    { signal },
  );
  if ('run' in body) return { ...body.run, steps: body.steps ?? [] };
  return { ...body, steps: body.steps ?? [] };
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
}

export async function listFlowNames(signal?: AbortSignal): Promise<FlowName[]> {
  const body = await api.get<unknown>('/api/flows', { signal });
  return itemsOf<FlowName>(body).map((f) => ({ id: f.id, name: f.name }));
}
