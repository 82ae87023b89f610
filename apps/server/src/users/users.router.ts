import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, UserCreateSchema, UserUpdateSchema } from '@tandem/schema';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { parseBody, parseParams } from '../http/validate.js';
import type { UsersService } from './users.service.js';

const IdParams = z.strictObject({ id: IdSchema });

/**
 * User management is for admins only (requireRole lets only admins through an empty list).
 * Designers see the directory (id, name, roles) to choose who may decide at a checkpoint.
 */
export function createUsersRouter(users: UsersService): Router {
  const router = Router();
  const adminOnly = requireRole([], 'manage users');

  // Before `/:id`, which would otherwise take "directory" for an id.
  router.get(
    '/api/users/directory',
    requireRole(['designer'], 'pick people'),
    async (_req, res) => {
      res.json({ items: await users.directory() });
    },
  );

  router.get('/api/users', adminOnly, async (_req, res) => {
    res.json({ items: await users.list() });
  });

  router.post('/api/users', adminOnly, async (req, res) => {
    const input = parseBody(UserCreateSchema, req.body);
    res.status(201).json(await users.create(currentUser(req), input));
  });

  router.get('/api/users/:id', adminOnly, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json(await users.get(id));
  });

  router.patch('/api/users/:id', adminOnly, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const patch = parseBody(UserUpdateSchema, req.body);
    res.json(await users.update(currentUser(req), id, patch));
  });

  return router;
}
