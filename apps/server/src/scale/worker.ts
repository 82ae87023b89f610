import { Server } from 'socket.io';
import type { StorePort } from '@tandem/schema';
import { systemClock } from '@tandem/nodes';
import type { Clock, LlmPort, Logger, PublisherPort } from '@tandem/nodes';
import { openStore } from '@tandem/store';
import type { Engine, EngineOptions } from '@tandem/engine';
import type { Config } from '../config/config.js';
import { createEngineRuntime } from '../engine-runtime.js';
import { createLogger } from '../logger.js';
import { createAuditService } from '../audit/audit.service.js';
import { attachRedisAdapter } from '../realtime/redis-adapter.js';
import { eventForClients, roomsFor } from '../realtime/push.js';
import { createMetrics } from '../metrics/metrics.js';
import { startMetricsServer } from '../metrics/metrics.server.js';
import type { MetricsServer } from '../metrics/metrics.server.js';
import { createBullQueue } from './bullmq.queue.js';

export interface WorkerOverrides {
  store?: StorePort;
  llm?: LlmPort;
  publisher?: PublisherPort;
  clock?: Clock;
  logger?: Logger;
  engineLimits?: EngineOptions['limits'];
}

export interface TandemWorker {
  engine: Engine;
  store: StorePort;
  metrics: MetricsServer | undefined;
  /** As TandemApp's: starts the HTTP thread before the first publish needs it. */
  warmUp(): void;
  close(): Promise<void>;
}

/**
 * The worker role (TANDEM_ROLE=worker): no HTTP, it takes step and timer jobs from the Redis
 * queue and broadcasts its engine events through the socket.io Redis adapter, so reviewers
 * connected to any server process see what any worker did.
 */
export async function createWorker(
  config: Config,
  overrides: WorkerOverrides = {},
): Promise<TandemWorker> {
  if (!config.redisUrl) throw new Error('A worker needs REDIS_URL to share work with servers');
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const store =
    overrides.store ?? (await openStore({ dataDir: config.dataDir, mongoUri: config.mongoUri }));
  const queue = createBullQueue({ url: config.redisUrl, logger, lockMs: config.queueLockMs });
  // A socket.io server without HTTP: its broadcasts reach the servers' sockets through Redis.
  const io = new Server();
  const closers: (() => Promise<unknown>)[] = [() => store.close(), () => queue.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const link = await attachRedisAdapter(io, config.redisUrl, logger);
    closers.push(() => link.close());
    const audit = createAuditService(store);
    const { engine, ports, schedules } = createEngineRuntime({
      config,
      store,
      logger,
      clock,
      audit,
      queue,
      overrides,
    });
    const metrics = createMetrics({ queue });
    const unsubscribe = engine.on((event) => {
      metrics.observe(event);
      io.to(roomsFor(event)).emit(event.type, eventForClients(event));
    });
    const metricsServer = config.metrics
      ? await startMetricsServer(config.metrics, metrics.registry, logger)
      : undefined;
    if (metricsServer) closers.push(() => metricsServer.close());
    await engine.recover();
    engine.start();
    schedules.start();

    let closing: Promise<void> | undefined;
    return {
      engine,
      store,
      metrics: metricsServer,
      warmUp: () => ports.warmUp(),
      close: () =>
        (closing ??= (async () => {
          // Running steps finish (or their jobs return to the queue); then links close.
          await schedules.stop();
          await engine.stop();
          ports.publisherOptions.http.close();
          unsubscribe();
          await closeAll();
        })()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
