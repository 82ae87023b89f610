import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, isAppError, notFound, PageQuerySchema } from '@tandem/schema';
import type { Publication, StorePort } from '@tandem/schema';
import { RUN_VIEWERS } from '../auth/access.js';
import { requireRole } from '../auth/auth.middleware.js';
import { parseParams, parseQuery } from '../http/validate.js';
import { libraryEntryOf, nextRoundKey } from './library-entry.js';

const IdParams = z.strictObject({ id: IdSchema });

/**
 * The content library: approved content that `publish.library` steps kept, newest first. Only
 * entries that were saved (a step canceled before saving left a publication that never was),
 * and only a step's last round: when a later checkpoint asked for changes, the step saved the
 * new draft again and the earlier one is no longer what was approved.
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

  async function isSuperseded(publication: Publication): Promise<boolean> {
    const next = await store.publications.findByKey(nextRoundKey(publication));
    return next?.status === 'succeeded';
  }

  router.get('/api/library', readers, async (req, res) => {
    const q = parseQuery(PageQuerySchema, req.query);
    const page = await store.publications.list({
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      channel: 'library',
      status: ['succeeded'],
    });
    const current: Publication[] = [];
    for (const publication of page.items) {
      if (!(await isSuperseded(publication))) current.push(publication);
    }
    res.json({ ...page, items: await withFlowNames(current) });
  });

  router.get('/api/library/:id', readers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const publication = await store.publications.get(id).catch((error: unknown) => {
      throw isAppError(error, 'NOT_FOUND') ? notFound('Library entry', id) : error;
    });
    if (publication.channel !== 'library' || publication.status !== 'succeeded')
      throw notFound('Library entry', id);
    res.json((await withFlowNames([publication]))[0]);
  });

  return router;
}
