import { z } from 'zod';
import { IdSchema, PageQuerySchema, RUN_STATUSES, RunOutcomeSchema } from '@tandem/schema';
import type { Page, Run, StorePort } from '@tandem/schema';
import { queryList } from '../http/validate.js';

export const RunListQuery = PageQuerySchema.extend({
  flowId: IdSchema.optional(),
  status: queryList(RUN_STATUSES),
  /** Only the runs this user started (the editor's test runs); runs a webhook started have none. */
  startedBy: IdSchema.optional(),
  /** Only succeeded runs that came to this outcome (`rejected`: a reviewer stopped it). */
  outcome: RunOutcomeSchema.optional(),
  /** `true`: only test runs; `false`: only real runs; absent: both. */
  test: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only test runs (true) or only real runs (false); both when absent'),
}).refine((q) => q.startedBy === undefined || q.flowId !== undefined, {
  // Who started a run is not indexed in SQLite: it narrows one flow's runs, never all of them.
  path: ['flowId'],
  message: 'Give flowId with startedBy',
});
export type RunListQuery = z.output<typeof RunListQuery>;

/** Runs newest first, filtered. */
export function listRuns(store: StorePort, q: RunListQuery): Promise<Page<Run>> {
  return store.runs.list({
    limit: q.limit,
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(q.flowId ? { flowId: q.flowId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.startedBy ? { startedBy: q.startedBy } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.test !== undefined ? { test: q.test } : {}),
  });
}
