import { Router } from 'express';
import { z } from 'zod';
import { AutomationUpdateSchema, IdSchema } from '@tandem/schema';
import type { Engine } from '@tandem/engine';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { parseBody, parseParams } from '../http/validate.js';

const FlowParams = z.strictObject({ id: IdSchema });
const CheckpointParams = z.strictObject({ id: IdSchema, nodeId: IdSchema });

/**
 * The automation console. Managers (and admins) change levels; designers read them to see how
 * their checkpoints behave. The engine audits every change with the old and new level.
 */
export function createAutomationRouter(engine: Engine): Router {
  const router = Router();

  router.get(
    '/api/flows/:id/automation',
    requireRole(['manager', 'designer'], 'see automation levels'),
    async (req, res) => {
      const { id } = parseParams(FlowParams, req.params);
      res.json({ items: await engine.getAutomation(id) });
    },
  );

  router.put(
    '/api/flows/:id/automation/:nodeId',
    requireRole(['manager'], 'change automation levels'),
    async (req, res) => {
      const { id, nodeId } = parseParams(CheckpointParams, req.params);
      const update = parseBody(AutomationUpdateSchema, req.body);
      res.json(await engine.setAutomation(id, nodeId, update, currentUser(req)));
    },
  );

  return router;
}
