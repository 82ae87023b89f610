import type { z } from 'zod';
import { IdSchema, PageQuerySchema, RUN_STATUSES } from '@tandem/schema';
import type { Page, Run, StorePort } from '@tandem/schema';
import { queryList } from '../http/validate.js';

export const RunListQuery = PageQuerySchema.extend({
  flowId: IdSchema.optional(),
  status: queryList(RUN_STATUSES),
  /** Only the runs this user started (the editor's test runs); runs a webhook started have none. */
  startedBy: IdSchema.optional(),
});
export type RunListQuery = z.output<typeof RunListQuery>;

/**
 * How many runs one `startedBy` request reads at most. The store cannot filter by who started a
 * run, so the server reads the list and filters it: this bounds the work a request does on a flow
 * that many runs were started on by others (webhook traffic, say).
 */
export const STARTED_BY_SCAN = 500;

/**
 * Runs newest first, filtered. With `startedBy` a page holds at most `limit` runs but may hold
 * fewer, even none, while `nextCursor` says more may follow: the scan stopped at its bound.
 */
export async function listRuns(store: StorePort, q: RunListQuery): Promise<Page<Run>> {
  const filters = {
    ...(q.flowId ? { flowId: q.flowId } : {}),
    ...(q.status ? { status: q.status } : {}),
  };
  if (!q.startedBy) {
    return store.runs.list({
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      ...filters,
    });
  }
  const items: Run[] = [];
  let cursor = q.cursor;
  let read = 0;
  while (items.length < q.limit && read < STARTED_BY_SCAN) {
    // Never more rows than runs still wanted: every row read is then either returned or passed
    // over as someone else's, so the cursor of the last read never skips a match.
    const page = await store.runs.list({
      limit: Math.min(q.limit - items.length, STARTED_BY_SCAN - read),
      ...(cursor ? { cursor } : {}),
      ...filters,
    });
    read += page.items.length;
    items.push(...page.items.filter((run) => run.startedBy === q.startedBy));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return cursor ? { items, nextCursor: cursor } : { items };
}
