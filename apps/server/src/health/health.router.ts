import { Router } from 'express';
import type { StorePort } from '@tandem/schema';
import type { LlmPort } from '@tandem/nodes';
import type { QueuePort } from '@tandem/engine';

export interface HealthDeps {
  store: StorePort;
  llm: Pick<LlmPort, 'provider'>;
  startedAt: Date;
  /** The Redis step queue when scaled out; undefined: steps run in this process. */
  queue: QueuePort | undefined;
  /** Present when socket.io broadcasts go through Redis (REDIS_URL). */
  redis: { ping(): Promise<boolean> } | undefined;
}

/** Unauthenticated: load balancers and the quick start probe it. Reveals no configuration. */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const [storeOk, redisOk, queueOk] = await Promise.all([
      deps.store.ping().catch(() => false),
      deps.redis ? deps.redis.ping() : Promise.resolve(null),
      deps.queue ? deps.queue.ping() : Promise.resolve(null),
    ]);
    const ok = storeOk && redisOk !== false && queueOk !== false;
    res.status(ok ? 200 : 503).json({
      ok,
      store: deps.store.kind,
      ai: deps.llm.provider,
      storeOk,
      queue: deps.queue?.kind ?? 'in-process',
      ...(queueOk === null ? {} : { queueOk }),
      adapter: deps.redis ? 'redis' : 'memory',
      ...(redisOk === null ? {} : { redis: redisOk }),
      uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
    });
  });
  return router;
}
