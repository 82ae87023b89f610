import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { IdSchema, isAppError } from '@tandem/schema';
import type { EngineEvent, User } from '@tandem/schema';
import type { Logger } from '@tandem/nodes';
import { SESSION_COOKIE, readCookie } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { createRateLimiter } from '../auth/rate-limit.js';
import { eventForClients, roomsFor } from './push.js';
import { guardRecovery, recheckRestoredRooms, rolesKey } from './recovery.js';
import type { SocketData } from './recovery.js';

/** Sessions re-checked between yields to the event loop in the session sweep. */
const SWEEP_BATCH = 50;

/** Messages clients may send; anything else is ignored. */
export const CLIENT_EVENTS = ['subscribe', 'unsubscribe'] as const;

const SubscriptionSchema = z.union([
  z.strictObject({ runId: IdSchema }),
  z.strictObject({ flowId: IdSchema }),
]);

export interface SocketAccess {
  canViewRun(user: User, runId: string): Promise<boolean>;
  canViewFlow(user: User, flowId: string): Promise<boolean>;
}

export interface SocketOptions {
  auth: AuthService;
  access: SocketAccess;
  logger: Logger;
  /** Extra origins allowed besides the server's own (TANDEM_CORS_ORIGIN). */
  allowedOrigins: string[];
  /** Development also accepts localhost origins (the Vite dev server on another port). */
  allowLocalhostOrigins: boolean;
  eventLimit?: { limit: number; windowMs: number };
  /** How often open sockets re-check their session (revoked or expired ones are dropped). */
  sessionCheckMs?: number;
  /** A refused subscribe, so denied attempts over sockets land in the audit trail too. */
  onDenied?: (user: User, room: string) => Promise<void>;
}

type Ack = (result: { ok: boolean; error?: { code: string; message: string } }) => void;

function originAllowed(req: IncomingMessage, options: SocketOptions): boolean {
  const origin = req.headers.origin;
  // Non-browser clients send no Origin; they still need a valid token.
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host === req.headers.host) return true;
  if (options.allowedOrigins.includes(parsed.origin)) return true;
  return (
    options.allowLocalhostOrigins && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
  );
}

export interface Realtime {
  io: Server;
  push(event: EngineEvent): void;
  disconnectSession(sessionId: string): void;
  disconnectUser(userId: string): void;
  close(): Promise<void>;
}

export function createRealtime(httpServer: HttpServer, options: SocketOptions): Realtime {
  const io = new Server<
    Record<string, never>,
    Record<string, never>,
    Record<string, never>,
    SocketData
  >(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req, callback) => callback(null, originAllowed(req, options)),
    cors: options.allowedOrigins.length
      ? { origin: options.allowedOrigins, credentials: true }
      : undefined,
    // Missed events are replayed on a quick reconnect, but only to an unchanged user
    // (guardRecovery); the middleware (auth) runs again.
    connectionStateRecovery: {
      maxDisconnectionDuration: 2 * 60 * 1000,
      skipMiddlewares: false,
    },
  });
  guardRecovery(io, options.auth);

  io.use(async (socket, next) => {
    const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const token =
      typeof fromAuth === 'string'
        ? fromAuth
        : readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const context = token ? await options.auth.authenticate(token).catch(() => null) : null;
    if (!context || !token) {
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    socket.data = { user: context.user, sessionId: context.session.id, token };
    next();
  });

  const limit = options.eventLimit ?? { limit: 30, windowMs: 10_000 };

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    const identityRooms = [
      `user:${data.user.id}`,
      `session:${data.sessionId}`,
      ...data.user.roles.map((r) => `role:${r}`),
    ];
    if (socket.recovered) {
      void recheckRestoredRooms(socket, data.user, new Set(identityRooms), options.access).catch(
        (error: unknown) => {
          options.logger.error('Re-checking a recovered socket failed', { error });
          socket.disconnect(true);
        },
      );
    }
    void socket.join(identityRooms);
    const limiter = createRateLimiter({ ...limit, maxKeys: 1 });

    socket.use((packet, next) => {
      if (limiter.retryAfterMs('events') > 0) {
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') {
          (ack as Ack)({ ok: false, error: { code: 'RATE_LIMITED', message: 'Slow down' } });
        }
        options.logger.warn('Socket event rate limit hit', { userId: data.user.id });
        socket.disconnect(true);
        return;
      }
      limiter.hit('events');
      next();
    });

    const handle = (join: boolean) => async (payload: unknown, ack?: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
      const parsed = SubscriptionSchema.safeParse(payload);
      if (!parsed.success) {
        reply({
          ok: false,
          error: { code: 'VALIDATION_FAILED', message: 'Send { runId } or { flowId }' },
        });
        return;
      }
      const room =
        'runId' in parsed.data ? `run:${parsed.data.runId}` : `flow:${parsed.data.flowId}`;
      if (!join) {
        await socket.leave(room);
        reply({ ok: true });
        return;
      }
      try {
        const allowed =
          'runId' in parsed.data
            ? await options.access.canViewRun(data.user, parsed.data.runId)
            : await options.access.canViewFlow(data.user, parsed.data.flowId);
        if (!allowed) {
          await options.onDenied?.(data.user, room);
          reply({ ok: false, error: { code: 'FORBIDDEN', message: 'Not yours to watch' } });
          return;
        }
        await socket.join(room);
        reply({ ok: true });
      } catch (error) {
        const code = isAppError(error) ? error.code : 'INTERNAL';
        reply({
          ok: false,
          error: { code, message: isAppError(error) ? error.message : 'Failed' },
        });
      }
    };
    socket.on('subscribe', handle(true));
    socket.on('unsubscribe', handle(false));
  });

  // Sessions can be revoked or expire while a socket stays open: re-check them periodically.
  // The store answers synchronously, so the sweep yields every few sockets: a thousand
  // re-checks in one go held the event loop for seconds (bench/RESULTS.md, push).
  const sweep = setInterval(() => {
    void (async () => {
      // Tabs and devices share sessions: each session is checked once per sweep. A socket
      // whose user's roles changed is dropped too (a change made by another process without a
      // shared adapter reaches it only here): its rooms were joined under the old roles.
      const currentRoles = new Map<string, string | null>();
      for (const socket of await io.local.fetchSockets()) {
        const data = socket.data as SocketData | undefined;
        if (!data) continue;
        let roles = currentRoles.get(data.token);
        if (roles === undefined) {
          const context = await options.auth.authenticate(data.token).catch(() => null);
          roles = context ? rolesKey(context.user) : null;
          currentRoles.set(data.token, roles);
          if (currentRoles.size % SWEEP_BATCH === 0) {
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        if (roles !== rolesKey(data.user)) socket.disconnect(true);
      }
    })().catch((error: unknown) => options.logger.error('Socket session sweep failed', { error }));
  }, options.sessionCheckMs ?? 30_000);
  sweep.unref();

  // Engine events arrive synchronously inside the work that caused them (a decision, a step).
  // Fanning out to a thousand sockets there delayed the next step by the whole fan-out, so
  // events are queued and sent in order once the current work has yielded.
  const pending: EngineEvent[] = [];
  const flushPending = () => {
    for (const event of pending.splice(0))
      io.to(roomsFor(event)).emit(event.type, eventForClients(event));
  };

  return {
    io,
    push(event) {
      pending.push(event);
      if (pending.length === 1) setImmediate(flushPending);
    },
    disconnectSession(sessionId) {
      io.in(`session:${sessionId}`).disconnectSockets(true);
    },
    disconnectUser(userId) {
      io.in(`user:${userId}`).disconnectSockets(true);
    },
    close() {
      clearInterval(sweep);
      return new Promise((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
