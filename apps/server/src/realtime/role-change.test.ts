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
      body: { roles: ['reviewer'] },
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

  it('re-checks the rooms a recovered connection brings back', async () => {
    const designer = await userWith(['designer']);
    const socket = server.socket({ token: designer.token }, { reconnection: true });
    await nextEvent(socket, 'connect');
    expect(await subscribe(socket, { flowId })).toEqual({ ok: true });
    const firstId = socket.id;
    expect(serverRooms(firstId)).toEqual(
      expect.arrayContaining(['role:designer', `flow:${flowId}`]),
    );
    // Recovery resumes from the last event the client received, so it must have received one.
    const heard = nextEvent(socket, 'task.created');
    server.app.realtime.push({
      type: 'task.created',
      task: openTask({ id: 'tsk_role_change', assignees: { roles: ['designer'], userIds: [] } }),
    });
    await heard;

    // The transport drops (the server keeps the session for recovery), then the roles change
    // while no socket is open to be disconnected.
    const back = nextEvent(socket, 'connect', 5_000);
    socket.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const record = await server.app.store.users.get(designer.id);
    await server.app.store.users.update({ ...record, roles: ['reviewer'] });
    await back;
    expect(socket.recovered).toBe(true);
    expect(socket.id).toBe(firstId);

    await new Promise((resolve) => setTimeout(resolve, 100));
    const rooms = serverRooms(socket.id);
    expect(rooms).toContain('role:reviewer');
    expect(rooms).not.toContain('role:designer');
    expect(rooms).not.toContain(`flow:${flowId}`);
    socket.disconnect();
  });
});
