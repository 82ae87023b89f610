import { Router, type Request } from 'express';
import type { StorePort } from '@tandem/schema';
import type { ConnectionLlm } from '@tandem/connectors';
import type { QueuePort } from '@tandem/engine';
import type { AuthService } from '../auth/auth.service.js';
import { requestToken } from '../auth/auth.middleware.js';

export interface HealthDeps {
  store: StorePort;
  /** Asked fresh: an LLM endpoint added in Settings takes AI out of offline mode at once. */
  llm: Pick<ConnectionLlm, 'currentProvider'>;
  startedAt: Date;
  /** The Redis step queue when scaled out; undefined: steps run in this process. */
  queue: QueuePort | undefined;
  /** Present when socket.io broadcasts go through Redis (REDIS_URL). */
  redis: { ping(): Promise<boolean> } | undefined;
  auth: Pick<AuthService, 'authenticate'>;
}

/**
 * Unauthenticated: load balancers and the quick start probe it, and see whether each part is
 * up. Which store, AI provider, queue and socket adapter this is (a map of the deployment, and
 * "offline" says no AI key is set) is shown only to a signed-in caller.
 */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();

  const signedIn = async (req: Request): Promise<boolean> => {
    const token = requestToken(req);
    return token !== undefined && (await deps.auth.authenticate(token).catch(() => null)) !== null;
  };

  router.get('/api/health', async (req, res) => {
    const [storeOk, redisOk, queueOk, detailed] = await Promise.all([
      deps.store.ping().catch(() => false),
      deps.redis ? deps.redis.ping() : Promise.resolve(null),
      deps.queue ? deps.queue.ping() : Promise.resolve(null),
      signedIn(req),
    ]);
    const ai = detailed ? await deps.llm.currentProvider().catch(() => 'offline' as const) : null;
    const ok = storeOk && redisOk !== false && queueOk !== false;
    res.status(ok ? 200 : 503).json({
      ok,
      storeOk,
      ...(queueOk === null ? {} : { queueOk }),
      ...(redisOk === null ? {} : { redis: redisOk }),
      uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
      ...(detailed
        ? {
            store: deps.store.kind,
            ai,
            queue: deps.queue?.kind ?? 'in-process',
            adapter: deps.redis ? 'redis' : 'memory',
          }
        : {}),
    });
  });
  return router;
}
