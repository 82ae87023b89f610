import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, PageQuerySchema, PUBLICATION_STATUSES } from '@tandem/schema';
import type { RunStatus, StorePort } from '@tandem/schema';
import type { Engine } from '@tandem/engine';
import { RUN_VIEWERS } from '../auth/access.js';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { queryList, parseParams, parseQuery } from '../http/validate.js';
import { publicationForReaders } from './publication-view.js';

const IdParams = z.strictObject({ id: IdSchema });
const ListQuery = PageQuerySchema.extend({
  runId: IdSchema.optional(),
  status: queryList(PUBLICATION_STATUSES),
});

/**
 * What went out and what could not. Run viewers read publications; dead letters (publications
 * that exhausted their retries) are an admin's to inspect and replay with the same key.
 */
export function createPublicationsRouter(deps: { store: StorePort; engine: Engine }): Router {
  const { store, engine } = deps;
  const router = Router();
  const admins = requireRole([], 'handle dead letters');

  router.get(
    '/api/publications',
    requireRole(RUN_VIEWERS, 'see publications'),
    async (req, res) => {
      const q = parseQuery(ListQuery, req.query);
      const page = await store.publications.list({
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
        ...(q.runId ? { runId: q.runId } : {}),
        ...(q.status ? { status: q.status } : {}),
      });
      res.json({ ...page, items: page.items.map(publicationForReaders) });
    },
  );

  router.get(
    '/api/publications/:id',
    requireRole(RUN_VIEWERS, 'see publications'),
    async (req, res) => {
      const publication = await store.publications.get(parseParams(IdParams, req.params).id);
      res.json(publicationForReaders(publication));
    },
  );

  // Each with its run's status: a delivery cut off by a cancel lands here too, and the engine
  // refuses to replay a canceled run, so the admin was offered a Replay that could only fail.
  router.get('/api/dead-letters', admins, async (req, res) => {
    const q = parseQuery(PageQuerySchema, req.query);
    const page = await store.publications.list({
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      status: ['dead'],
    });
    const runStatus = new Map<string, RunStatus | null>();
    for (const { runId } of page.items) {
      if (!runStatus.has(runId))
        runStatus.set(runId, (await store.runs.find(runId))?.status ?? null);
    }
    res.json({
      ...page,
      items: page.items.map((p) => ({
        ...publicationForReaders(p),
        runStatus: runStatus.get(p.runId) ?? null,
      })),
    });
  });

  router.post('/api/dead-letters/:id/replay', admins, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json(publicationForReaders(await engine.replayPublication(id, currentUser(req))));
  });

  return router;
}
