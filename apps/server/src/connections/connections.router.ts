import { Router } from 'express';
import { z } from 'zod';
import { IdSchema } from '@tandem/schema';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { parseBody, parseParams } from '../http/validate.js';
import {
  ConnectionCreateSchema,
  ConnectionUpdateSchema,
  LlmDraftTestSchema,
} from './connections.service.js';
import type { ConnectionsService } from './connections.service.js';

const IdParams = z.strictObject({ id: IdSchema });

/**
 * Connections hold credentials: admins only, and secrets only ever leave masked. Designers see
 * the directory (id, name, kind) to pick a connection for a publish step.
 */
export function createConnectionsRouter(connections: ConnectionsService): Router {
  const router = Router();
  const admins = requireRole([], 'manage connections');

  // Before `/:id`, which would otherwise take "directory" for an id.
  router.get(
    '/api/connections/directory',
    requireRole(['designer'], 'pick connections'),
    async (_req, res) => {
      res.json({ items: await connections.directory() });
    },
  );

  router.get('/api/connections', admins, async (_req, res) => {
    res.json({ items: await connections.list() });
  });

  router.post('/api/connections', admins, async (req, res) => {
    const input = parseBody(ConnectionCreateSchema, req.body);
    res.status(201).json(await connections.create(currentUser(req), input));
  });

  router.get('/api/connections/:id', admins, async (req, res) => {
    res.json(await connections.get(parseParams(IdParams, req.params).id));
  });

  router.put('/api/connections/:id', admins, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const input = parseBody(ConnectionUpdateSchema, req.body);
    res.json(await connections.update(currentUser(req), id, input));
  });

  // Asked before a removal: the dialog names the flows and settings that would break.
  router.get('/api/connections/:id/usage', admins, async (req, res) => {
    res.json(await connections.usage(parseParams(IdParams, req.params).id));
  });

  router.delete('/api/connections/:id', admins, async (req, res) => {
    await connections.remove(currentUser(req), parseParams(IdParams, req.params).id);
    res.status(204).end();
  });

  // An LLM endpoint's values before they are saved: the form tests them first.
  router.post('/api/connections/llm-test', admins, async (req, res) => {
    const input = parseBody(LlmDraftTestSchema, req.body);
    res.json(await connections.testLlmDraft(currentUser(req), input));
  });

  router.post('/api/connections/:id/test', admins, async (req, res) => {
    res.json(await connections.test(currentUser(req), parseParams(IdParams, req.params).id));
  });

  return router;
}
