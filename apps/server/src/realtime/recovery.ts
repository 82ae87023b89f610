import type { Server, Socket } from 'socket.io';
import type { User } from '@tandem/schema';
import type { AuthService } from '../auth/auth.service.js';
import type { SocketAccess } from './socket.server.js';

/** What a socket carries once the middleware has authenticated it. */
export interface SocketData {
  user: User;
  sessionId: string;
  token: string;
}

export const rolesKey = (user: User): string => [...user.roles].sort().join(',');

/**
 * socket.io's connection state recovery replays the packets a socket missed while it builds
 * the socket, before any middleware runs: a user demoted or disabled while briefly offline
 * was sent what their old rooms received meanwhile. So a session is restored only when its
 * token still authenticates the same user with the same roles; any other reconnect is a fresh
 * connection, which the web app answers by reloading what it shows over REST.
 *
 * Only the in-memory adapter keeps sessions; the Redis pub/sub adapter restores none.
 */
export function guardRecovery(io: Server, auth: AuthService): void {
  const adapter = io.of('/').adapter;
  const restore = adapter.restoreSession.bind(adapter);
  // Typed as always finding a session, but the adapters answer null for none (a fresh socket).
  const none = null as unknown as Awaited<ReturnType<typeof restore>>;
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (!session) return none;
    const data = session.data as Partial<SocketData> | undefined;
    if (!data?.token || !data.user) return none;
    const context = await auth.authenticate(data.token).catch(() => null);
    const unchanged =
      context !== null &&
      context.user.id === data.user.id &&
      rolesKey(context.user) === rolesKey(data.user);
    return unchanged ? session : none;
  };
}

/**
 * The rooms a recovered socket brings back, checked again: identity rooms that are not the
 * current ones are left, and every run and flow subscription is checked as a new subscribe.
 */
export async function recheckRestoredRooms(
  socket: Socket,
  user: User,
  identityRooms: ReadonlySet<string>,
  access: SocketAccess,
): Promise<void> {
  const restored = [...socket.rooms].filter((room) => room !== socket.id);
  const watched: string[] = [];
  for (const room of restored) {
    if (room.startsWith('run:') || room.startsWith('flow:')) watched.push(room);
    else if (!identityRooms.has(room)) await socket.leave(room);
  }
  for (const room of watched) {
    const id = room.slice(room.indexOf(':') + 1);
    const allowed = room.startsWith('run:')
      ? await access.canViewRun(user, id)
      : await access.canViewFlow(user, id);
    if (!allowed) await socket.leave(room);
  }
}
