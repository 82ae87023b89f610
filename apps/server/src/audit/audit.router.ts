import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, PageQuerySchema } from '@tandem/schema';
import type { StorePort } from '@tandem/schema';
import { maskAddressFields } from '@tandem/nodes';
import { verifyAuditChain } from '@tandem/store';
import { requireRole } from '../auth/auth.middleware.js';
import { parseQuery } from '../http/validate.js';

const AuditQuerySchema = PageQuerySchema.extend({
  subject: z.string().max(129).optional(),
  subjectType: z.string().max(64).optional(),
  actor: IdSchema.optional(),
  action: z.string().max(64).optional(),
});

export function createAuditRouter(store: StorePort): Router {
  const router = Router();

  router.get('/api/audit', requireRole(['manager'], 'read the audit trail'), async (req, res) => {
    const q = parseQuery(AuditQuerySchema, req.query);
    const page = await store.audit.list({
      limit: q.limit,
      cursor: q.cursor,
      subjectId: q.subject,
      subjectType: q.subjectType,
      actorId: q.actor,
      action: q.action,
    });
    // A sent publication's entry names its target: managers read the trail, and a hook URL's
    // path may be its token. The chain is verified on the server, over the stored details.
    res.json({
      ...page,
      items: page.items.map((event) => ({ ...event, details: maskAddressFields(event.details) })),
    });
  });

  router.get('/api/audit/verify', requireRole([], 'verify the audit trail'), async (_req, res) => {
    res.json(await verifyAuditChain(store));
  });

  return router;
}
