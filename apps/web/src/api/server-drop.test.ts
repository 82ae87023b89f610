import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { reconnectAfterServerDrop } from './server-drop.js';

/** A real socket.io server that refuses tokens listed in `refused`. */
async function startServer(refused: Set<string>) {
  const http = createServer();
  const server = new Server(http);
  server.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: string }).token ?? '';
    next(refused.has(token) ? new Error('UNAUTHENTICATED') : undefined);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    server,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const once = (socket: Socket, event: string) =>
  new Promise<unknown>((resolve) => socket.once(event, resolve));

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('reconnectAfterServerDrop', () => {
  it('comes back after the server dropped the socket (a role change)', async () => {
    const { server, url, close } = await startServer(new Set());
    cleanup.push(close);
    const socket = connect(url, { auth: { token: 'a' }, transports: ['websocket'] });
    cleanup.push(() => void socket.disconnect());
    const stop = reconnectAfterServerDrop(socket, 10);
    cleanup.push(stop);
    await once(socket, 'connect');
    const firstId = socket.id;

    const dropped = once(socket, 'disconnect');
    server.disconnectSockets(true);
    expect(await dropped).toBe('io server disconnect');
    await once(socket, 'connect');
    expect(socket.connected).toBe(true);
    expect(socket.id).not.toBe(firstId);
  });

  it('stays down when the session was revoked meanwhile', async () => {
    const refused = new Set<string>();
    const { server, url, close } = await startServer(refused);
    cleanup.push(close);
    const socket = connect(url, { auth: { token: 'b' }, transports: ['websocket'] });
    cleanup.push(() => void socket.disconnect());
    cleanup.push(reconnectAfterServerDrop(socket, 10));
    await once(socket, 'connect');

    refused.add('b');
    const error = once(socket, 'connect_error');
    server.disconnectSockets(true);
    expect(((await error) as Error).message).toBe('UNAUTHENTICATED');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.connected).toBe(false);
  });

  it('does not reconnect a socket the app closed, nor after it was stopped', async () => {
    const { server, url, close } = await startServer(new Set());
    cleanup.push(close);
    const closedByApp = connect(url, { auth: { token: 'c' }, transports: ['websocket'] });
    cleanup.push(reconnectAfterServerDrop(closedByApp, 10));
    await once(closedByApp, 'connect');
    closedByApp.disconnect();

    const stopped = connect(url, { auth: { token: 'd' }, transports: ['websocket'] });
    cleanup.push(() => void stopped.disconnect());
    const stop = reconnectAfterServerDrop(stopped, 50);
    await once(stopped, 'connect');
    const dropped = once(stopped, 'disconnect');
    server.disconnectSockets(true);
    await dropped;
    stop();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(closedByApp.connected).toBe(false);
    expect(stopped.connected).toBe(false);
  });
});
