import type { FlowVersion, Publication, Run, RunStatus } from '@tandem/schema';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';
import { runQuery, type RunFilter } from './run-list.js';
import type { RunStep, RunTask } from './run-review.js';

const enc = encodeURIComponent;

/** A page's items and where the next page starts, if there is one. */
function pageOf<T>(body: unknown): { items: T[]; nextCursor: string | null } {
  const next = (body as { nextCursor?: unknown } | null)?.nextCursor;
  return { items: itemsOf<T>(body), nextCursor: typeof next === 'string' ? next : null };
}

/** One page of runs, newest first, and where the next (older) page starts, if there is one. */
export async function listRuns(
  filter: RunFilter,
  signal?: AbortSignal,
): Promise<{ items: Run[]; nextCursor: string | null }> {
  return pageOf<Run>(await api.get<unknown>(`/api/runs${runQuery(filter)}`, { signal }));
}

/** The newest run of the flow that this user started (from the editor), if any. */
export async function latestRunStartedBy(flowId: string, userId: string): Promise<Run | undefined> {
  const body = await api.get<unknown>('/api/runs', {
    query: { flowId, startedBy: userId, limit: 1 },
  });
  return itemsOf<Run>(body)[0];
}

/**
 * `GET /api/runs/:id`: the run with its steps (engine-private state left out), and the name of
 * whoever canceled it.
 */
export type RunWithSteps = Run & { steps: RunStep[]; canceledByName?: string };

export async function getRun(id: string, signal?: AbortSignal): Promise<RunWithSteps> {
  const run = await api.get<RunWithSteps>(`/api/runs/${enc(id)}`, { signal });
  return { ...run, steps: run.steps ?? [] };
}

/**
 * Every task of the run, read-only, with the deciders' names: who decided what, and when. Anyone
 * who may view the run may read them; deciding still goes through the inbox.
 */
export async function listRunTasks(runId: string, signal?: AbortSignal): Promise<RunTask[]> {
  return itemsOf<RunTask>(await api.get<unknown>(`/api/runs/${enc(runId)}/tasks`, { signal }));
}

export async function listPublications(
  query: { runId?: string; status?: string },
  signal?: AbortSignal,
): Promise<Publication[]> {
  return itemsOf<Publication>(await api.get<unknown>('/api/publications', { query, signal }));
}

/** A dead letter with its run's status: a canceled run's delivery cannot be replayed. */
export type DeadLetter = Publication & { runStatus?: RunStatus | null };

/** Dead letters, newest first, `limit` of them from `cursor`, and where the next ones start. */
export async function listDeadLetters(
  page: { limit: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
  const query = { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) };
  return pageOf<DeadLetter>(await api.get<unknown>('/api/dead-letters', { query, signal }));
}

export async function replayPublication(id: string): Promise<void> {
  await api.post(`/api/dead-letters/${enc(id)}/replay`);
}

/** The published graph a run follows: it names the run's steps as the designer labelled them. */
export async function getRunGraph(run: Pick<Run, 'flowId' | 'versionNumber'>) {
  const path = `/api/flows/${enc(run.flowId)}/versions/${run.versionNumber}`;
  return (await api.get<FlowVersion>(path)).graph;
}

/** Step type → its title ("ai.generate" → "AI write"). */
export async function getStepTypeTitles(): Promise<Map<string, string>> {
  const body = await api.get<unknown>('/api/node-types');
  return new Map(itemsOf<{ type: string; title: string }>(body).map((t) => [t.type, t.title]));
}

export async function cancelRun(id: string): Promise<void> {
  await api.post(`/api/runs/${enc(id)}/cancel`);
}
