import { Router } from 'express';
import { z } from 'zod';
import { BrandKitInputSchema, IdSchema } from '@tandem/schema';
import type { AuditAction, BrandKit, StorePort } from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { parseBody, parseParams } from '../http/validate.js';
import { newId } from '../ids.js';
import { normalizeLinkDomains } from './link-domains.js';

const IdParams = z.strictObject({ id: IdSchema });
export const BrandKitUpdateSchema = BrandKitInputSchema.extend({
  /** The revision the editor loaded; a stale one is refused with 409. Required: a kit is replaced whole. */
  revision: z
    .number({
      error: 'Send the revision you loaded, so a newer save by another admin is not overwritten',
    })
    .int()
    .min(0),
});

/**
 * Everyone signed in reads brand kits (the editor and the inbox show them); admins change them.
 * The engine uses the first kit for AI steps and brand checks.
 */
export function createBrandKitsRouter(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
}): Router {
  const { store, clock, audit } = deps;
  const router = Router();
  const admins = requireRole([], 'change the brand kit');
  const record = (actorId: string, action: AuditAction, kit: BrandKit) =>
    audit.record({
      actorId,
      action,
      subjectType: 'brand_kit',
      subjectId: kit.id,
      details: { name: kit.name, revision: kit.revision },
    });

  router.get('/api/brand-kits', async (_req, res) => {
    res.json({ items: await store.brandKits.list() });
  });

  router.get('/api/brand-kits/:id', async (req, res) => {
    res.json(await store.brandKits.get(parseParams(IdParams, req.params).id));
  });

  router.post('/api/brand-kits', admins, async (req, res) => {
    const input = parseBody(BrandKitInputSchema, req.body);
    const actor = currentUser(req);
    const kit = await store.brandKits.create({
      ...input,
      linkAllowList: normalizeLinkDomains(input.linkAllowList),
      id: newId('brand'),
      updatedBy: actor.id,
      updatedAt: clock.now().toISOString(),
      revision: 0,
    });
    await record(actor.id, 'brand_kit.created', kit);
    res.status(201).json(kit);
  });

  router.put('/api/brand-kits/:id', admins, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { revision, ...input } = parseBody(BrandKitUpdateSchema, req.body);
    const linkAllowList = normalizeLinkDomains(input.linkAllowList);
    const actor = currentUser(req);
    const kit = await store.brandKits.update({
      ...input,
      linkAllowList,
      id,
      updatedBy: actor.id,
      updatedAt: clock.now().toISOString(),
      revision,
    });
    await record(actor.id, 'brand_kit.updated', kit);
    res.json(kit);
  });

  return router;
}
