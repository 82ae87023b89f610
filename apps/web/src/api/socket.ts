import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { EngineEventOf, EngineEventType } from '@tandem/schema';
import { reconnectAfterServerDrop } from './server-drop.js';

export type ConnectionState = 'offline' | 'connecting' | 'connected' | 'disconnected';

let socket: Socket | null = null;
let state: ConnectionState = 'offline';
let hasConnectedOnce = false;
let stopReconnecting: (() => void) | null = null;
// Bumped whenever a new socket replaces the old one, so listeners attach to the new socket.
let generation = 0;
const stateListeners = new Set<() => void>();
const resyncListeners = new Set<() => void>();
// Rooms asked for by mounted views; re-requested after every reconnect because a new server
// process (or a failed state recovery) forgets them.
const rooms = new Map<string, number>();

function setState(next: ConnectionState): void {
  if (state === next) return;
  state = next;
  for (const listener of stateListeners) listener();
}

/** `run:<id>` -> `{ runId }`, `flow:<id>` -> `{ flowId }`: the server's subscribe payloads. */
function roomPayload(room: string): { runId: string } | { flowId: string } | null {
  const [kind, id] = [room.slice(0, room.indexOf(':')), room.slice(room.indexOf(':') + 1)];
  if (!id) return null;
  if (kind === 'run') return { runId: id };
  if (kind === 'flow') return { flowId: id };
  return null;
}

function sendRoom(event: 'subscribe' | 'unsubscribe', room: string): void {
  const payload = roomPayload(room);
  if (payload) socket?.emit(event, payload);
}

function requestRoom(room: string): void {
  sendRoom('subscribe', room);
}

/** Opens the one live connection for this tab, authenticated with the session token. */
export function connectSocket(token: string): Socket {
  disconnectSocket();
  hasConnectedOnce = false;
  const s = io({
    auth: { token },
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5_000,
  });
  socket = s;
  generation += 1;
  setState('connecting');
  s.on('connect', () => {
    setState('connected');
    for (const room of rooms.keys()) requestRoom(room);
    // REST is the source of truth: after any reconnect that could have missed events, views
    // reload what they show. A recovered session replays missed events, so no resync is needed.
    if (hasConnectedOnce && !s.recovered) for (const listener of resyncListeners) listener();
    hasConnectedOnce = true;
  });
  s.on('disconnect', () => setState('disconnected'));
  s.on('connect_error', () => setState('disconnected'));
  stopReconnecting = reconnectAfterServerDrop(s);
  s.io.on('reconnect_attempt', () => setState('connecting'));
  return s;
}

export function disconnectSocket(): void {
  if (!socket) return;
  stopReconnecting?.();
  stopReconnecting = null;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
  setState('offline');
}

function subscribeState(listener: () => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Live connection state for the indicator in the shell. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    subscribeState,
    () => state,
    () => state,
  );
}

function useSocketGeneration(): number {
  return useSyncExternalStore(
    subscribeState,
    () => generation,
    () => generation,
  );
}

type Handler<N extends EngineEventType> = (payload: Omit<EngineEventOf<N>, 'type'>) => void;

/**
 * Listens to one engine event while the component is mounted. The handler may change on every
 * render; the latest one is called, without re-subscribing.
 */
export function useSocketEvent<N extends EngineEventType>(name: N, handler: Handler<N>): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const gen = useSocketGeneration();
  useEffect(() => {
    const s = socket;
    if (!s) return;
    const listener = (payload: Omit<EngineEventOf<N>, 'type'>) => ref.current(payload);
    s.on(name as string, listener);
    return () => {
      s.off(name as string, listener);
    };
  }, [name, gen]);
}

/** Registers a callback run after a reconnect, to reload from REST. Returns the unsubscribe. */
function onResync(listener: () => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

/** Calls `listener` after each reconnect while the component is mounted. */
export function useResync(listener: () => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => onResync(() => ref.current()), []);
}

/**
 * Joins a server room (`run:<id>`, `flow:<id>`) while mounted. The server decides whether the
 * caller may join; the client only asks.
 */
export function useRoom(room: string | null): void {
  useEffect(() => {
    if (!room) return;
    rooms.set(room, (rooms.get(room) ?? 0) + 1);
    if (socket?.connected) requestRoom(room);
    return () => {
      const count = (rooms.get(room) ?? 1) - 1;
      if (count > 0) {
        rooms.set(room, count);
        return;
      }
      rooms.delete(room);
      sendRoom('unsubscribe', room);
    };
  }, [room]);
}
