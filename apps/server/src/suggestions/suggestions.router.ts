import { Router } from 'express';
import { z } from 'zod';
import { IdSchema } from '@tandem/schema';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { queryList, parseParams, parseQuery } from '../http/validate.js';
import type { SuggestionsService } from './suggestions.service.js';

const IdParams = z.strictObject({ id: IdSchema });
const ListQuery = z.strictObject({
  flowId: IdSchema.optional(),
  nodeId: IdSchema.optional(),
  status: queryList(['proposed', 'accepted', 'dismissed'] as const),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Corrections mined from reviewer edits; managers (and admins) accept or dismiss them. */
export function createSuggestionsRouter(suggestions: SuggestionsService): Router {
  const router = Router();
  const deciders = requireRole(['manager'], 'accept or dismiss suggestions');

  router.get(
    '/api/suggestions',
    requireRole(['manager', 'designer'], 'see suggestions'),
    async (req, res) => {
      const { limit, ...q } = parseQuery(ListQuery, req.query);
      const items = await suggestions.list(q);
      res.json({ items: limit ? items.slice(0, limit) : items });
    },
  );

  for (const verdict of ['accept', 'dismiss'] as const) {
    router.post(`/api/suggestions/:id/${verdict}`, deciders, async (req, res) => {
      const { id } = parseParams(IdParams, req.params);
      res.json(await suggestions.decide(currentUser(req), id, verdict));
    });
  }

  return router;
}
