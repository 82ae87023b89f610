import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import type { Logger } from '@tandem/nodes';

export interface RedisLink {
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * With REDIS_URL set, socket.io broadcasts go through Redis pub/sub, so a reviewer connected to
 * any server process receives events caused by any other. The pub/sub adapter keeps no
 * session log, so connection state recovery degrades to a REST resync after reconnects (which
 * the client does anyway: REST is the source of truth).
 */
export async function attachRedisAdapter(
  io: Server,
  url: string,
  logger: Logger,
): Promise<RedisLink> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) {
    client.on('error', (error: Error) =>
      logger.error('Redis connection error', { error: error.message }),
    );
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  return {
    async ping() {
      try {
        return (await pub.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
