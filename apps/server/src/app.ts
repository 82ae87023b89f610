import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { AppError, type StorePort, type Suggestion, type User } from '@tandem/schema';
import { systemClock } from '@tandem/nodes';
import type { Clock, LlmPort, Logger, PublisherPort } from '@tandem/nodes';
import { openStore } from '@tandem/store';
import type { Engine, EngineOptions } from '@tandem/engine';
import { sendNotificationEmail } from '@tandem/connectors';
import { createAccess } from './auth/access.js';
import { createLearningService } from './learning/learning.service.js';
import type { Config } from './config/config.js';
import { sealLegacyConnectionHeaders } from './connections/connection-upgrade.js';
import { createEngineRuntime } from './engine-runtime.js';
import { createLogger } from './logger.js';
import { createAuditService } from './audit/audit.service.js';
import { createAuthService } from './auth/auth.service.js';
import type { LoginLimits } from './auth/auth.service.js';
import { createFlowsService } from './flows/flows.service.js';
import { buildExpressApp } from './http/express-app.js';
import { DEFAULT_WEB_DIST, createWebAppRouter } from './http/web-app.js';
import { createRealtime } from './realtime/socket.server.js';
import { createMetrics } from './metrics/metrics.js';
import { startMetricsServer } from './metrics/metrics.server.js';
import type { Realtime } from './realtime/socket.server.js';
import { buildRouters } from './routes.js';
import type { WebhookLimits } from './webhooks/webhook-limits.js';
import { seedDemoContent } from './seed/demo-content.js';
import { seedStore } from './seed/seed.service.js';
import { createUsersService } from './users/users.service.js';
import { createNotificationsService } from './notifications/notifications.service.js';
import { createReviewNotifier } from './notifications/review-notifier.js';

export interface AppOverrides {
  store?: StorePort;
  llm?: LlmPort;
  publisher?: PublisherPort;
  clock?: Clock;
  logger?: Logger;
  loginLimits?: LoginLimits;
  /** Where the built web app lives; null serves no web app. */
  webDistDir?: string | null;
  socketEventLimit?: { limit: number; windowMs: number };
  sessionCheckMs?: number;
  engineLimits?: EngineOptions['limits'];
  webhookLimits?: WebhookLimits;
}

export interface TandemApp {
  httpServer: HttpServer;
  /** The Express app, for the route-inventory test that walks its router. */
  expressApp: Express;
  realtime: Realtime;
  engine: Engine;
  store: StorePort;
  port: number;
  url: string;
  /** Where Prometheus metrics are served (TANDEM_METRICS_PORT), if anywhere. */
  metricsPort: number | undefined;
  /**
   * Starts what the first publish would otherwise wait for (the HTTP thread, about half a
   * second). For a long-running process; tests that start many apps leave it.
   */
  warmUp(): void;
  close(): Promise<void>;
}

/**
 * The composition root: opens the store, wires services, routers and sockets, seeds an empty
 * store, starts listening on `config.port` (0 = any free port) and resolves once it listens.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<TandemApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const production = config.nodeEnv === 'production';
  if (config.allowPrivateNetwork) {
    logger.warn(
      'TANDEM_ALLOW_PRIVATE_NETWORK=true: flows and connections may reach private and loopback addresses',
    );
  }
  const store =
    overrides.store ?? (await openStore({ dataDir: config.dataDir, mongoUri: config.mongoUri }));
  try {
    return await assemble(config, overrides, { store, logger, clock, production });
  } catch (error) {
    // A failed start (seed error, port in use) must not leave the database open.
    await store.close().catch(() => undefined);
    throw error;
  }
}

async function assemble(
  config: Config,
  overrides: AppOverrides,
  base: { store: StorePort; logger: Logger; clock: Clock; production: boolean },
): Promise<TandemApp> {
  const { store, logger, clock, production } = base;
  const audit = createAuditService(store);

  const auth = createAuthService({ store, clock, logger, audit, limits: overrides.loginLimits });
  // With Redis, steps are jobs any worker process may take (TANDEM_ROLE says who takes them).
  // BullMQ and the Redis adapter load only with Redis: on one process they were start-up cost.
  const queue = config.redisUrl
    ? (await import('./scale/bullmq.queue.js')).createBullQueue({
        url: config.redisUrl,
        logger,
        lockMs: config.queueLockMs,
      })
    : undefined;
  const { engine, ports, connections, schedules } = createEngineRuntime({
    config,
    store,
    logger,
    clock,
    audit,
    queue,
    overrides,
  });
  // Before anything can read a connection over HTTP (workers lift old rows on read instead).
  await sealLegacyConnectionHeaders({ store, secretBox: ports.secretBox, audit, logger });
  const access = createAccess(store, engine);
  // Suggestions change outside the engine (mined from feedback, decided by managers); they are
  // pushed like its events. `realtime` is set up below, before any request can change one.
  const pushSuggestion = (suggestion: Suggestion) =>
    realtime.push({ type: 'suggestion.updated', suggestion });
  const learning = createLearningService({
    store,
    clock,
    logger,
    audit,
    onSuggestion: pushSuggestion,
  });
  const flows = createFlowsService({
    store,
    clock,
    audit,
    engine,
    allowPrivateNetwork: config.allowPrivateNetwork,
  });
  await seedStore({
    store,
    config,
    clock,
    logger,
    audit,
    seedContent: () => seedDemoContent({ store, flows, clock, logger }),
  });

  // The request listener is in place before socket.io attaches, so engine.io forwards only
  // requests outside /socket.io/ to Express. Added after, Express also answered socket.io's
  // requests: a waiting long-poll got a 404, and engine.io's later write to it threw outside
  // any handler, which ends the process (anyone could do it without signing in). The server
  // listens only once the app is set.
  const requests: { app?: Express } = {};
  const httpServer = createServer((req, res) => requests.app?.(req, res));
  const realtime = createRealtime(httpServer, {
    auth,
    logger,
    access: { canViewRun: access.canViewRunId, canViewFlow: access.canWatchFlow },
    allowedOrigins: config.allowedOrigins,
    allowLocalhostOrigins: !production,
    eventLimit: overrides.socketEventLimit,
    sessionCheckMs: overrides.sessionCheckMs,
    onDenied: async (user, room) => {
      await audit.record({
        actorId: user.id,
        action: 'access.denied',
        subjectType: 'socket',
        subjectId: `subscribe ${room}`.slice(0, 129),
        details: { reason: 'not permitted to watch this room' },
      });
    },
  });
  const redis = config.redisUrl
    ? await (
        await import('./realtime/redis-adapter.js')
      ).attachRedisAdapter(realtime.io, config.redisUrl, logger)
    : undefined;
  const users = createUsersService({
    store,
    clock,
    audit,
    onAccessRevoked: (userId) => realtime.disconnectUser(userId),
  });

  // One subscription for the whole process: every engine event goes to the rooms allowed to see it.
  const metrics = createMetrics({
    ...(queue ? { queue } : {}),
    store,
    sockets: () => {
      let reviewers = 0;
      const sockets = realtime.io.of('/').sockets;
      for (const socket of sockets.values()) {
        if ((socket.data as { user?: User }).user?.roles.includes('reviewer')) reviewers += 1;
      }
      return { total: sockets.size, reviewers };
    },
  });
  const unsubscribe = engine.on((event) => {
    metrics.observe(event);
    realtime.push(event);
  });

  const notifications = createNotificationsService({ store, clock, audit });
  // Sends through the publishers' SMTP code and address checks, on their HTTP client.
  const notifier = createReviewNotifier({
    store,
    access,
    clock,
    logger,
    send: (connectionId, email) =>
      sendNotificationEmail(connectionId, email, ports.publisherOptions),
  });

  const routers = buildRouters({
    engine,
    access,
    learning,
    store,
    clock,
    logger,
    audit,
    auth,
    users,
    flows,
    connections,
    notifications,
    llm: ports.llm,
    redis,
    queue,
    secretBox: ports.secretBox,
    webhookLimits: overrides.webhookLimits,
    production,
    startedAt: clock.now(),
    onLogout: (sessionId) => realtime.disconnectSession(sessionId),
    onSuggestion: pushSuggestion,
    onPublication: (publication) => realtime.push({ type: 'publication.updated', publication }),
  });
  const app = buildExpressApp({
    logger,
    auth,
    audit,
    production,
    trustProxyHops: config.trustProxyHops,
    ...routers,
    webApp:
      overrides.webDistDir === null
        ? null
        : createWebAppRouter(overrides.webDistDir ?? DEFAULT_WEB_DIST),
  });
  requests.app = app;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error) => reject(listenError(error, config.port)));
    httpServer.listen(config.port, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;

  const metricsServer = config.metrics
    ? await startMetricsServer(config.metrics, metrics.registry, logger)
    : undefined;
  // Runs interrupted by a crash or a restart continue before new timers are scheduled. A
  // server-only process leaves execution, timers and recovery to the workers.
  if (config.role !== 'server') {
    await engine.recover();
    engine.start();
    schedules.start();
    // Any number of processes may run it over one store: each email's claim is in the store.
    notifier.start();
  }

  // Expired sessions are useless but would pile up; sweep them hourly.
  const sweepSessions = () =>
    store.sessions
      .deleteExpired(clock.now().toISOString())
      .catch((error: unknown) => logger.error('Session cleanup failed', { error }));
  await sweepSessions();
  const sessionSweep = setInterval(() => void sweepSessions(), 60 * 60 * 1000);
  sessionSweep.unref();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop taking requests, let in-flight steps finish (or park them for recovery), then
      // close the sockets and the store.
      clearInterval(sessionSweep);
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await schedules.stop();
      await notifier.stop();
      await engine.stop();
      // Kept-alive connections to publish targets would otherwise linger until they idle out.
      ports.publisherOptions.http.close();
      await queue?.close();
      await metricsServer?.close();
      await learning.idle();
      unsubscribe();
      await realtime.close();
      await redis?.close();
      httpServer.closeAllConnections();
      await httpClosed;
      await store.close();
    })());

  return {
    httpServer,
    expressApp: app,
    realtime,
    engine,
    store,
    port,
    url: `http://localhost:${port}`,
    metricsPort: metricsServer?.port,
    warmUp: () => ports.warmUp(),
    close,
  };
}

/** Why the server could not listen, in words that say what to do (the usual two causes). */
function listenError(error: Error & { code?: string }, port: number): Error {
  const hint = (message: string) =>
    new AppError({ code: 'CONFIG_INVALID', message, details: { port, cause: error.code } });
  if (error.code === 'EADDRINUSE') {
    return hint(
      `PORT ${port} is already in use (another Tandem, or another program): stop it, or set PORT to a free port`,
    );
  }
  if (error.code === 'EACCES') {
    return hint(`PORT ${port} needs privileges this process does not have: use a port above 1023`);
  }
  return error;
}
