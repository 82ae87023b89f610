import { Router } from 'express';
import { z } from 'zod';
import { DecisionInputSchema, IdSchema, PageQuerySchema, TASK_STATUSES } from '@tandem/schema';
import type { Engine } from '@tandem/engine';
import { currentUser } from '../auth/auth.middleware.js';
import { queryList, parseBody, parseParams, parseQuery } from '../http/validate.js';
import type { TasksService } from './tasks.service.js';
import type { LearningService } from '../learning/learning.service.js';

const IdParams = z.strictObject({ id: IdSchema });
const ListQuery = PageQuerySchema.extend({
  status: queryList(TASK_STATUSES),
  flowId: IdSchema.optional(),
  runId: IdSchema.optional(),
  nodeId: IdSchema.optional(),
});

/**
 * The inbox. Every signed-in user may call these, but lists and decides only the tasks assigned
 * to one of their roles or to them; the engine re-checks the assignment on every action. A run's
 * tasks and the open counts are read-only views for whoever may view the run or the task.
 */
export function createTasksRouter(deps: {
  tasks: TasksService;
  engine: Engine;
  learning: LearningService;
}): Router {
  const { tasks, engine, learning } = deps;
  const router = Router();

  router.get('/api/tasks', async (req, res) => {
    res.json(await tasks.list(currentUser(req), parseQuery(ListQuery, req.query)));
  });

  // Before `/api/tasks/:id`, which would otherwise take `open-counts` for an id.
  router.get('/api/tasks/open-counts', async (req, res) => {
    res.json({ items: await tasks.openCounts(currentUser(req)) });
  });

  router.get('/api/runs/:id/tasks', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json({ items: await tasks.listOfRun(currentUser(req), id) });
  });

  router.get('/api/tasks/:id', async (req, res) => {
    res.json(await tasks.detail(currentUser(req), parseParams(IdParams, req.params).id));
  });

  router.post('/api/tasks/:id/claim', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const user = currentUser(req);
    res.json(await tasks.act(user, id, 'claim', () => engine.claimTask(id, user)));
  });

  router.post('/api/tasks/:id/release', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const user = currentUser(req);
    res.json(await tasks.act(user, id, 'release', () => engine.releaseTask(id, user)));
  });

  router.post('/api/tasks/:id/decision', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const input = parseBody(DecisionInputSchema, req.body);
    const user = currentUser(req);
    const task = await tasks.act(user, id, input.action, () => engine.decide(id, input, user));
    // The decision's feedback is written by now: look for corrections worth proposing. A test
    // run's decisions write none.
    if (!task.test) learning.afterDecision(task);
    res.json(task);
  });

  return router;
}
