import { Router } from 'express';
import type { StorePort } from '@tandem/schema';
import type { LlmPort } from '@tandem/nodes';

export interface HealthDeps {
  store: StorePort;
  llm: Pick<LlmPort, 'provider'>;
  startedAt: Date;
  /** What runs steps: this process's queue, or Redis when scaled out. */
  queue: 'in-process' | 'redis';
  /** Present when socket.io broadcasts go through Redis (REDIS_URL). */
  redis: { ping(): Promise<boolean> } | undefined;
}

/** Unauthenticated: load balancers and the quick start probe it. Reveals no configuration. */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const [storeOk, redisOk] = await Promise.all([
      deps.store.ping().catch(() => false),
      deps.redis ? deps.redis.ping() : Promise.resolve(null),
    ]);
    const ok = storeOk && redisOk !== false;
    res.status(ok ? 200 : 503).json({
      ok,
      store: deps.store.kind,
      ai: deps.llm.provider,
      queue: deps.queue,
      adapter: deps.redis ? 'redis' : 'memory',
      ...(redisOk === null ? {} : { redis: redisOk }),
      uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
    });
  });
  return router;
}
