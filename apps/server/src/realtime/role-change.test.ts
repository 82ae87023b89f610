import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Role } from '@tandem/schema';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { openTask } from '../testing/fixtures.js';

/*
 * REST routes read the user afresh on every request; a socket keeps the rooms it joined and
 * the user it authenticated as. These tests change a user's roles under an open socket and
 * check the socket does not keep what the old roles gave it.
 */

let server: TestServer;
let admin: string;
let flowId: string;

beforeAll(async () => {
  server = await startTestServer({ overrides: { sessionCheckMs: 200 } });
  admin = await server.login('admin@example.com');
  flowId = (await server.request('GET', '/api/flows', { token: admin })).body.items[0].id;
});
afterAll(() => server.close());

let counter = 0;
async function userWith(roles: Role[]): Promise<{ id: string; token: string }> {
  counter += 1;
  const email = `role-change-${counter}@example.com`;
  const created = await server.request('POST', '/api/users', {
    token: admin,
    body: { email, name: `Role change ${counter}`, roles, password: 'a-long-password-1' },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, token: await server.login(email, 'a-long-password-1') };
}

const subscribe = (socket: Socket, payload: object) =>
  new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
    socket.emit('subscribe', payload, resolve),
  );

function serverRooms(socketId: string | undefined): string[] {
  const socket = server.app.realtime.io.of('/').sockets.get(socketId ?? '');
  return socket ? [...socket.rooms] : [];
}

describe('sockets after a role change', () => {
  it('drops the open sockets of a user whose roles an admin changes', async () => {
    const manager = await userWith(['manager']);
    const socket = server.socket({ token: manager.token });
    await nextEvent(socket, 'connect');
    expect(await subscribe(socket, { flowId })).toEqual({ ok: true });

    const dropped = nextEvent(socket, 'disconnect', 3_000);
    const res = await server.request('PATCH', `/api/users/${manager.id}`, {
      token: admin,
      body: { revision: 0, roles: ['reviewer'] },
    });
    expect(res.status).toBe(200);
    await dropped;

    const again = server.socket({ token: manager.token });
    await nextEvent(again, 'connect');
    expect((await subscribe(again, { flowId })).error?.code).toBe('FORBIDDEN');
    again.disconnect();
  });

  it('drops a socket whose roles changed behind its back (seen by the session sweep)', async () => {
    const designer = await userWith(['designer']);
    const socket = server.socket({ token: designer.token });
    await nextEvent(socket, 'connect');
    const dropped = nextEvent(socket, 'disconnect', 5_000);
    // Written to the store directly, as another process without a shared adapter would.
    const record = await server.app.store.users.get(designer.id);
    await server.app.store.users.update({ ...record, roles: ['reviewer'] });
    await dropped;
  });

  /** A socket that heard one event (recovery resumes from the last one received). */
  async function recoverableSocket(token: string) {
    const socket = server.socket({ token }, { reconnection: true });
    await nextEvent(socket, 'connect');
    expect(await subscribe(socket, { flowId })).toEqual({ ok: true });
    const heard = nextEvent(socket, 'task.created');
    server.app.realtime.push({
      type: 'task.created',
      task: openTask({
        id: `tsk_heard_${counter}`,
        assignees: { roles: ['designer'], userIds: [] },
      }),
    });
    await heard;
    return socket;
  }

  /**
   * Task ids in every packet that reaches the client, emitted or not: a replay sent before a
   * refused connect sits in the client's buffer, and a modified client would read it.
   */
  function taskIdsOnTheWire(socket: Socket): string[] {
    const ids: string[] = [];
    socket.io.on('packet', (packet: { data?: unknown }) => {
      for (const match of JSON.stringify(packet.data ?? null).matchAll(/"id":"(tsk_[a-z_]+)"/g))
        ids.push(match[1]!);
    });
    return ids;
  }

  /** Drops the transport (the server keeps the session), runs `meanwhile`, waits to be back. */
  async function dropAndReconnect(socket: Socket, meanwhile: () => Promise<void>) {
    const received = taskIdsOnTheWire(socket);
    const back = nextEvent(socket, 'connect', 5_000);
    socket.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await meanwhile();
    // Sent while the socket was away: recovery would replay it on reconnect.
    server.app.realtime.push({
      type: 'task.created',
      task: openTask({ id: 'tsk_missed', assignees: { roles: ['designer'], userIds: [] } }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await back;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return received;
  }

  it('replays what an unchanged user missed during a short disconnect', async () => {
    const designer = await userWith(['designer']);
    const socket = await recoverableSocket(designer.token);
    const firstId = socket.id;
    const received = await dropAndReconnect(socket, async () => undefined);
    expect(socket.recovered).toBe(true);
    expect(socket.id).toBe(firstId);
    expect(received).toEqual(['tsk_missed']);
    expect(serverRooms(socket.id)).toEqual(
      expect.arrayContaining(['role:designer', `flow:${flowId}`]),
    );
    socket.disconnect();
  });

  it('does not recover a connection whose roles changed while it was away', async () => {
    const designer = await userWith(['designer']);
    const socket = await recoverableSocket(designer.token);
    const firstId = socket.id;
    const received = await dropAndReconnect(socket, async () => {
      const record = await server.app.store.users.get(designer.id);
      await server.app.store.users.update({ ...record, roles: ['reviewer'] });
    });
    // A fresh connection: nothing its old rooms received meanwhile reaches it.
    expect(socket.recovered).toBe(false);
    expect(socket.id).not.toBe(firstId);
    expect(received).toEqual([]);
    const rooms = serverRooms(socket.id);
    expect(rooms).toContain('role:reviewer');
    expect(rooms).not.toContain('role:designer');
    expect(rooms).not.toContain(`flow:${flowId}`);
    socket.disconnect();
  });

  it('replays nothing to a user disabled while away', async () => {
    const designer = await userWith(['designer']);
    const socket = await recoverableSocket(designer.token);
    const refused = nextEvent(socket, 'connect_error', 5_000);
    const received = taskIdsOnTheWire(socket);
    socket.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await server.request('PATCH', `/api/users/${designer.id}`, {
      token: admin,
      body: { revision: 0, disabled: true },
    });
    expect(res.status).toBe(200);
    server.app.realtime.push({
      type: 'task.created',
      task: openTask({ id: 'tsk_after_disable', assignees: { roles: ['designer'], userIds: [] } }),
    });
    expect(((await refused) as Error).message).toBe('UNAUTHENTICATED');
    expect(received).toEqual([]);
    socket.disconnect();
  });
});
