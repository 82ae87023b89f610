import { Router } from 'express';
import type { StorePort } from '@tandem/schema';
import type { LlmPort } from '@tandem/nodes';

export interface HealthDeps {
  store: StorePort;
  llm: Pick<LlmPort, 'provider'>;
  startedAt: Date;
  /** What runs steps: this process's queue, or Redis when scaled out. */
  queue: 'in-process' | 'redis';
}

/** Unauthenticated: load balancers and the quick start probe it. Reveals no configuration. */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const storeOk = await deps.store.ping().catch(() => false);
    res.status(storeOk ? 200 : 503).json({
      ok: storeOk,
      store: deps.store.kind,
      ai: deps.llm.provider,
      queue: deps.queue,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
    });
  });
  return router;
}
