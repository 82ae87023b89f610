import { Router } from 'express';
import { z } from 'zod';
import { FlowInputSchema, IdSchema, NameInputSchema, PageQuerySchema } from '@tandem/schema';
import { flowTemplates } from '@tandem/nodes';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { parseBody, parseHeaders, parseParams, parseQuery } from '../http/validate.js';
import { FLOW_EDITORS, type FlowsService } from './flows.service.js';

const IdParams = z.strictObject({ id: IdSchema });
const VersionParams = z.strictObject({ id: IdSchema, number: z.coerce.number().int().min(1) });
/** An optional name for a copy; without one it is "Copy of <name>". */
export const FlowCopySchema = z.strictObject({ name: NameInputSchema.optional() });
const ListQuery = PageQuerySchema.extend({ search: z.string().max(200).optional() });
/**
 * The draft's revision the client edited, as `If-Match: "3"` (or `3`): a save based on an older
 * revision is refused with 409, so nobody overwrites a colleague's newer save unknowingly. It is
 * required: `*` is the explicit "replace whatever is stored".
 */
export const FlowPutHeadersSchema = z.object({
  'if-match': z
    .string({
      error:
        'Send If-Match with the revision you loaded (or * to replace whatever is stored), so a newer save is not overwritten',
    })
    .regex(/^(\*|"?\d+"?)$/, 'If-Match must be the revision number, or *')
    .transform((v) => (v === '*' ? undefined : Number(v.replaceAll('"', ''))))
    .meta({ description: 'The revision being replaced, e.g. "3"; * replaces any' }),
});

/**
 * Everyone signed in may read flows (others than designers and admins with credential values
 * hidden); designers (and admins) change them.
 */
export function createFlowsRouter(flows: FlowsService): Router {
  const router = Router();
  const designers = requireRole(FLOW_EDITORS, 'change flows');

  router.get('/api/templates', (_req, res) => {
    res.json({ items: flowTemplates });
  });

  router.get('/api/flows', async (req, res) => {
    res.json(await flows.list(currentUser(req), parseQuery(ListQuery, req.query)));
  });

  router.post('/api/flows', designers, async (req, res) => {
    const input = parseBody(FlowInputSchema, req.body);
    res.status(201).json(await flows.create(currentUser(req), input));
  });

  router.post('/api/flows/:id/copy', designers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    // A bodyless POST (the flows list's "Make a copy") is a copy with the default name.
    const { name } = parseBody(FlowCopySchema, req.body);
    res.status(201).json(await flows.copy(currentUser(req), id, name));
  });

  router.get('/api/flows/:id', async (req, res) => {
    res.json(await flows.get(currentUser(req), parseParams(IdParams, req.params).id));
  });

  router.put('/api/flows/:id', designers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const input = parseBody(FlowInputSchema, req.body);
    const revision = parseHeaders(FlowPutHeadersSchema, req.headers)['if-match'];
    res.json(await flows.update(currentUser(req), id, input, revision));
  });

  router.delete('/api/flows/:id', designers, async (req, res) => {
    await flows.remove(currentUser(req), parseParams(IdParams, req.params).id);
    res.status(204).end();
  });

  router.post('/api/flows/:id/publish', designers, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { version, created } = await flows.publish(currentUser(req), id);
    // An unchanged draft is already published: 200 with that version, nothing created.
    res
      .status(created ? 201 : 200)
      .json({ version: version.number, flowVersion: version, created });
  });

  router.get('/api/flows/:id/versions', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json(await flows.versions(currentUser(req), id, parseQuery(PageQuerySchema, req.query)));
  });

  router.get('/api/flows/:id/versions/:number', async (req, res) => {
    const { id, number } = parseParams(VersionParams, req.params);
    res.json(await flows.version(currentUser(req), id, number));
  });

  return router;
}
