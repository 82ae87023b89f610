import { Router } from 'express';
import { IdSchema, PageQuerySchema, TimestampSchema } from '@tandem/schema';
import type { StorePort } from '@tandem/schema';
import { requireRole } from '../auth/auth.middleware.js';
import { parseQuery } from '../http/validate.js';

const FeedbackQuery = PageQuerySchema.extend({
  flowId: IdSchema.optional(),
  nodeId: IdSchema.optional(),
  sourceNodeId: IdSchema.optional(),
  since: TimestampSchema.optional(),
});

/** Every decision on AI output: evidence for managers, prompt material for designers. */
export function createFeedbackRouter(store: StorePort): Router {
  const router = Router();
  router.get(
    '/api/feedback',
    requireRole(['manager', 'designer'], 'read feedback'),
    async (req, res) => {
      const q = parseQuery(FeedbackQuery, req.query);
      res.json(
        await store.feedback.list({
          limit: q.limit,
          ...(q.cursor ? { cursor: q.cursor } : {}),
          ...(q.flowId ? { flowId: q.flowId } : {}),
          ...(q.nodeId ? { nodeId: q.nodeId } : {}),
          ...(q.sourceNodeId ? { sourceNodeId: q.sourceNodeId } : {}),
          ...(q.since ? { since: q.since } : {}),
        }),
      );
    },
  );
  return router;
}
