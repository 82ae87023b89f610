import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, LIBRARY_QUERY_MAX, PageQuerySchema } from '@tandem/schema';
import type { Publication, StorePort } from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import { RUN_VIEWERS } from '../auth/access.js';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import type { AuditService } from '../audit/audit.service.js';
import { parseParams, parseQuery } from '../http/validate.js';
import { createLibraryArchive } from './library-archive.js';
import { libraryEntryOf } from './library-entry.js';
import { listLibraryPage } from './library-search.js';
import { PreviewQuerySchema, sendPreview } from './library-preview.js';

const IdParams = z.strictObject({ id: IdSchema });

const LibraryQuerySchema = PageQuerySchema.extend({
  /** Words every entry must hold, in its title or its visible text (HTML without markup). */
  q: z.string().max(LIBRARY_QUERY_MAX).default(''),
  /** A collection's exact name. */
  collection: z.string().max(80).default(''),
  /** `true` lists the archive instead of the library. */
  archived: z.enum(['true', 'false']).default('false'),
});

/**
 * The content library: approved content that `publish.library` steps kept, newest first. Only
 * entries that were saved (a step canceled before saving left a publication that never was),
 * and only a step's last round: when a later checkpoint asked for changes, the step saved the
 * new draft again and the earlier one is no longer what was approved.
 * Readers are those who may see runs: an entry is a run's output. The same people tidy it
 * (archive, restore): whoever may read the library may keep it in order, and a reviewer, who
 * cannot see it, cannot change it either.
 */
export function createLibraryRouter(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
  /** Pushes a changed entry to the open library pages. */
  onPublication: (publication: Publication) => void;
}): Router {
  const { store } = deps;
  const router = Router();
  /** A menu longer than this is no menu; a search finds the rest. */
  const MAX_COLLECTIONS = 500;
  const readers = requireRole(RUN_VIEWERS, 'see the content library');
  const keepers = requireRole(RUN_VIEWERS, 'archive or restore library entries');
  const archive = createLibraryArchive(deps);

  async function withFlowNames(publications: readonly Publication[]) {
    const names = new Map<string, string | null>();
    for (const { flowId } of publications) {
      if (!names.has(flowId)) names.set(flowId, (await store.flows.find(flowId))?.name ?? null);
    }
    return publications.map((p) => libraryEntryOf(p, names.get(p.flowId) ?? null));
  }

  router.get('/api/library', readers, async (req, res) => {
    const q = parseQuery(LibraryQuerySchema, req.query);
    const page = await listLibraryPage(store, {
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      archived: q.archived === 'true',
      q: q.q,
      collection: q.collection,
    });
    res.json({ ...page, items: await withFlowNames(page.items) });
  });

  // Before `/:id`, which would otherwise take "collections" for an id. Every collection with a
  // saved entry, for the collection menu: the pages loaded may hold only some of them.
  router.get('/api/library/collections', readers, async (_req, res) => {
    res.json({ items: await store.publications.libraryCollections(MAX_COLLECTIONS) });
  });

  router.get('/api/library/:id', readers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json((await withFlowNames([await archive.getEntry(id)]))[0]);
  });

  /** An HTML entry as a page for the library's preview frame; see library-preview.ts. */
  router.get('/api/library/:id/preview', readers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { images } = parseQuery(PreviewQuerySchema, req.query);
    // The page shows the content only: the flow's name is not needed.
    sendPreview(res, libraryEntryOf(await archive.getEntry(id), null), images === '1');
  });

  router.post('/api/library/:id/archive', keepers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const saved = await archive.setArchived(id, true, currentUser(req));
    res.json((await withFlowNames([saved]))[0]);
  });

  router.post('/api/library/:id/restore', keepers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const saved = await archive.setArchived(id, false, currentUser(req));
    res.json((await withFlowNames([saved]))[0]);
  });

  return router;
}
