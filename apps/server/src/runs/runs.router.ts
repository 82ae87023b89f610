import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, RunStartSchema } from '@tandem/schema';
import type { Run, Step, StorePort } from '@tandem/schema';
import { runOutcomeOf, type Engine } from '@tandem/engine';
import type { Access } from '../auth/access.js';
import type { AuditService } from '../audit/audit.service.js';
import { RUN_VIEWERS } from '../auth/access.js';
import { currentUser, forbidden, requireRole } from '../auth/auth.middleware.js';
import { loadUserNames, type NameOf } from '../users/user-names.js';
import { parseBody, parseParams, parseQuery } from '../http/validate.js';
import { listRuns, RunListQuery } from './runs.service.js';
import { errorForReaders, outputForReaders, runForReaders } from './run-view.js';

const IdParams = z.strictObject({ id: IdSchema });

/** The reviewer a checkpoint step's output names (`decidedBy`), if any. */
function deciderOf(step: Step): string | null {
  const decidedBy = (step.output as { decidedBy?: unknown } | null)?.decidedBy;
  return typeof decidedBy === 'string' ? decidedBy : null;
}

/**
 * A step as the run timeline shows it: engine-private state stays on the server, and addresses
 * a publish step sent to leave masked (run-view.ts).
 */
function stepView(step: Step, nameOf: NameOf) {
  const decidedBy = deciderOf(step);
  return {
    id: step.id,
    nodeId: step.nodeId,
    type: step.type,
    status: step.status,
    iteration: step.iteration,
    handle: step.handle,
    output: outputForReaders(step),
    error: errorForReaders(step.error),
    attempts: step.attempts,
    usage: step.usage,
    wakeAt: step.wakeAt,
    startedAt: step.startedAt,
    endedAt: step.endedAt,
    ...(decidedBy ? { decidedByName: nameOf(decidedBy) } : {}),
  };
}

export function createRunsRouter(deps: {
  store: StorePort;
  engine: Engine;
  access: Access;
  audit: AuditService;
}): Router {
  const { store, engine, access, audit } = deps;
  const router = Router();
  const runners = requireRole(['designer'], 'start or cancel runs');

  router.post('/api/flows/:id/runs', runners, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    const { input, test } = parseBody(RunStartSchema, req.body);
    await store.flows.get(id);
    const user = currentUser(req);
    const run = await engine.startRun({ flowId: id, input, startedBy: user.id, test });
    await audit.record({
      actorId: user.id,
      action: 'run.started',
      subjectType: 'run',
      subjectId: run.id,
      details: {
        flowId: id,
        versionNumber: run.versionNumber,
        ...(run.test ? { test: true } : {}),
      },
    });
    res.status(201).json({ id: run.id, status: run.status, run });
  });

  router.get('/api/runs', requireRole(RUN_VIEWERS, 'list runs'), async (req, res) => {
    const page = await listRuns(store, parseQuery(RunListQuery, req.query));
    res.json({ ...page, items: page.items.map(runForReaders) });
  });

  router.get('/api/runs/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    // Access first: a 404 before the 403 would tell anyone which run ids exist.
    if (!(await access.canViewRun(currentUser(req), { id }))) {
      throw forbidden('This run is not yours to see', { runId: id });
    }
    const run: Run = await store.runs.get(id);
    const steps = await store.steps.listByRun(id);
    const nameOf = await loadUserNames(store, [...steps.map(deciderOf), run.canceledBy]);
    const canceledByName = nameOf(run.canceledBy);
    // A run that succeeded before outcomes were recorded has none until the engine's start-up
    // records it; its steps are at hand here, so say what it came to anyway.
    const outcome = run.outcome ?? (run.status === 'succeeded' ? runOutcomeOf(steps) : undefined);
    res.json({
      ...runForReaders(run),
      ...(canceledByName ? { canceledByName } : {}),
      ...(outcome ? { outcome } : {}),
      steps: steps.map((step) => stepView(step, nameOf)),
    });
  });

  router.post('/api/runs/:id/cancel', runners, async (req, res) => {
    const { id } = parseParams(IdParams, req.params);
    res.json(await engine.cancelRun(id, currentUser(req)));
  });

  return router;
}
