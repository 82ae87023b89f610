import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Task } from '@tandem/schema';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { openTask } from '../testing/fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

function task(roles: Task['assignees']['roles'], userIds: string[] = []): Task {
  return openTask({
    id: `tsk_${Math.random().toString(36).slice(2)}`,
    assignees: { roles, userIds },
  });
}

describe('socket.io authentication', () => {
  it('refuses a handshake without a token with UNAUTHENTICATED', async () => {
    expect(await refused(server.socket())).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown or revoked token', async () => {
    expect(await refused(server.socket({ token: 'not-a-token' }))).toBe('UNAUTHENTICATED');
    const token = await server.login('reviewer@example.com');
    await server.request('POST', '/api/auth/logout', { token });
    expect(await refused(server.socket({ token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired session', async () => {
    const user = await server.app.store.users.findByEmail('reviewer@example.com');
    const token = 'an-expired-socket-token';
    await server.app.store.sessions.create({
      id: createHash('sha256').update(token).digest('hex'),
      userId: user!.id,
      createdAt: '2020-01-01T00:00:00.000Z',
      expiresAt: '2020-01-02T00:00:00.000Z',
      revokedAt: null,
      csrfToken: 'c'.repeat(32),
    });
    const socket = server.socket({ token });
    const heard: unknown[] = [];
    socket.onAny((event: string) => heard.push(event));
    expect(await refused(socket)).toBe('UNAUTHENTICATED');
    server.app.realtime.push({ type: 'task.created', task: task(['reviewer']) });
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]);
  });

  it('accepts the session cookie instead of a token', async () => {
    const socket = server.socket({}, { extraHeaders: { cookie: `tandem_session=${t.reviewer}` } });
    await connected(socket);
    socket.disconnect();
  });

  it('refuses a foreign Origin', async () => {
    const socket = server.socket(
      { token: t.reviewer },
      { extraHeaders: { origin: 'https://evil.example' } },
    );
    const message = await refused(socket);
    expect(message).not.toBe('');
  });

  it('pushes task events only to the sockets allowed to see them', async () => {
    const reviewer = server.socket({ token: t.reviewer });
    const manager = server.socket({ token: t.manager });
    const anonymous = server.socket();
    await Promise.all([connected(reviewer), connected(manager), refused(anonymous)]);
    const seenByManager: unknown[] = [];
    const seenByAnonymous: unknown[] = [];
    manager.on('task.created', (e) => seenByManager.push(e));
    anonymous.on('task.created', (e) => seenByAnonymous.push(e));

    const created = task(['reviewer']);
    const received = nextEvent(reviewer, 'task.created');
    server.app.realtime.push({ type: 'task.created', task: created });
    expect((await received).task.id).toBe(created.id);
    await new Promise((r) => setTimeout(r, 100));
    expect(seenByManager).toEqual([]);
    expect(seenByAnonymous).toEqual([]);
  });

  it('drops a socket whose session is revoked while it is open', async () => {
    const token = await server.login('reviewer@example.com');
    const socket = server.socket({ token });
    await connected(socket);
    const dropped = nextEvent(socket, 'disconnect', 3000);
    await server.request('POST', '/api/auth/logout', { token });
    await dropped;
    const missed: unknown[] = [];
    socket.on('task.created', (e) => missed.push(e));
    server.app.realtime.push({ type: 'task.created', task: task(['reviewer']) });
    await new Promise((r) => setTimeout(r, 100));
    expect(missed).toEqual([]);
  });

  it('disconnects a socket that floods events', async () => {
    const flooded = await startTestServer({
      overrides: { socketEventLimit: { limit: 5, windowMs: 10_000 } },
    });
    try {
      const socket = flooded.socket({ token: await flooded.login('reviewer@example.com') });
      await connected(socket);
      const gone = nextEvent(socket, 'disconnect', 3000);
      for (let i = 0; i < 10; i += 1) socket.emit('unsubscribe', { runId: 'run_x' });
      await gone;
    } finally {
      await flooded.close();
    }
  });
});
