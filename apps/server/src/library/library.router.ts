import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, notFound, PageQuerySchema } from '@tandem/schema';
import type { Publication, StorePort } from '@tandem/schema';
import { RUN_VIEWERS } from '../auth/access.js';
import { requireRole } from '../auth/auth.middleware.js';
import { parseParams, parseQuery } from '../http/validate.js';
import { libraryEntryOf } from './library-entry.js';

const IdParams = z.strictObject({ id: IdSchema });

/**
 * The content library: approved content that `publish.library` steps kept, newest first. Only
 * entries that were saved (a step canceled before saving left a publication that never was).
 * Readers are those who may see runs: an entry is a run's output.
 */
export function createLibraryRouter(deps: { store: StorePort }): Router {
  const { store } = deps;
  const router = Router();
  const readers = requireRole(RUN_VIEWERS, 'see the content library');

  async function withFlowNames(publications: readonly Publication[]) {
    const names = new Map<string, string | null>();
    for (const { flowId } of publications) {
      if (!names.has(flowId)) names.set(flowId, (await store.flows.find(flowId))?.name ?? null);
    }
    return publications.map((p) => libraryEntryOf(p, names.get(p.flowId) ?? null));
  }

  router.get('/api/library', readers, async (req, res) => {
    const q = parseQuery(PageQuerySchema, req.query);
    const page = await store.publications.list({
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      channel: 'library',
      status: ['succeeded'],
    });
    res.json({ ...page, items: await withFlowNames(page.items) });
  });

  router.get('/api/library/:id', readers, async (req, res) => {
    const publication = await store.publications.get(parseParams(IdParams, req.params).id);
    if (publication.channel !== 'library' || publication.status !== 'succeeded')
      throw notFound('Library entry', publication.id);
    res.json((await withFlowNames([publication]))[0]);
  });

  return router;
}
