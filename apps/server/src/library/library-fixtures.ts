import type { Publication, StorePort } from '@tandem/schema';

const BASE = Date.parse('2026-01-01T00:00:00.000Z');

/**
 * A saved library entry written straight to the store, as a `publish.library` step records it:
 * number `n` is `n` seconds newer than number 0, so lists have a known order.
 */
export async function savedEntry(
  store: StorePort,
  n: number,
  request: { title: string; text?: string; format?: string; collection?: string },
  over: Partial<Publication> = {},
): Promise<Publication> {
  const at = new Date(BASE + n * 1000).toISOString();
  return store.publications.create({
    id: `pub_lib${n}`,
    key: `run_lib:save${n}`,
    runId: 'run_lib',
    flowId: 'flw_gone',
    nodeId: `save${n}`,
    channel: 'library',
    status: 'succeeded',
    contentHash: 'a'.repeat(64),
    request: { format: 'text', text: '', collection: '', reviewed: true, ...request },
    target: 'Content library',
    attempts: [],
    externalId: null,
    error: null,
    createdAt: at,
    updatedAt: at,
    revision: 0,
    ...over,
  });
}
