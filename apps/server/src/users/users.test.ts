import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

describe('/api/users', () => {
  it('lists users for admins, without password hashes', async () => {
    const res = await server.request('GET', '/api/users', { token: t.admin });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
    for (const user of res.body.items) expect(user.passwordHash).toBeUndefined();
  });

  it('refuses other roles with 403 and audits the denial', async () => {
    for (const token of [t.designer, t.reviewer, t.manager]) {
      const res = await server.request('GET', '/api/users', { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const denied = await server.app.store.audit.list({ action: 'access.denied' });
    expect(denied.items.length).toBeGreaterThanOrEqual(3);
    expect(denied.items[0]?.subjectId).toBe('GET /api/users');
  });

  it('needs authentication', async () => {
    expect((await server.request('GET', '/api/users')).status).toBe(401);
  });

  it('creates a user who can then sign in, and validates the body', async () => {
    const bad = await server.request('POST', '/api/users', {
      token: t.admin,
      body: { email: 'x', name: '', roles: ['wizard'], password: 'short' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.issues.map((i: { path: unknown[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['email', 'name', 'roles.0', 'password']));

    const res = await server.request('POST', '/api/users', {
      token: t.admin,
      body: {
        email: 'New@Example.com',
        name: 'Nia New',
        roles: ['reviewer'],
        password: 'longenough',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'new@example.com',
      roles: ['reviewer'],
      disabled: false,
    });
    await server.login('new@example.com', 'longenough');

    const dup = await server.request('POST', '/api/users', {
      token: t.admin,
      body: {
        email: 'new@example.com',
        name: 'Again',
        roles: ['reviewer'],
        password: 'longenough',
      },
    });
    expect(dup.status).toBe(409);
  });

  it('audits a role change with old and new roles', async () => {
    const list = await server.request('GET', '/api/users', { token: t.admin });
    const target = list.body.items.find((u: { email: string }) => u.email === 'new@example.com');
    const res = await server.request('PATCH', `/api/users/${target.id}`, {
      token: t.admin,
      body: { revision: target.revision, roles: ['reviewer', 'manager'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['reviewer', 'manager']);
    const events = await server.app.store.audit.list({
      action: 'user.roles_changed',
      subjectId: target.id,
    });
    expect(events.items[0]?.details).toEqual({ from: ['reviewer'], to: ['reviewer', 'manager'] });
  });

  it('ends every session of a disabled user', async () => {
    const created = await server.request('POST', '/api/users', {
      token: t.admin,
      body: {
        email: 'gone@example.com',
        name: 'Gone',
        roles: ['designer'],
        password: 'longenough',
      },
    });
    const token = await server.login('gone@example.com', 'longenough');
    const res = await server.request('PATCH', `/api/users/${created.body.id}`, {
      token: t.admin,
      body: { revision: created.body.revision, disabled: true },
    });
    expect(res.status).toBe(200);
    expect((await server.request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('keeps at least one enabled admin', async () => {
    const me = await server.request('GET', '/api/auth/me', { token: t.admin });
    const res = await server.request('PATCH', `/api/users/${me.body.user.id}`, {
      token: t.admin,
      body: { revision: me.body.user.revision, roles: ['designer'] },
    });
    expect(res.status).toBe(409);
    expect(
      (await server.request('GET', `/api/users/${me.body.user.id}`, { token: t.admin })).body.roles,
    ).toEqual(['admin']);
  });

  it('needs the revision the admin read', async () => {
    const list = await server.request('GET', '/api/users', { token: t.admin });
    const target = list.body.items.find((u: { email: string }) => u.email === 'new@example.com');
    const res = await server.request('PATCH', `/api/users/${target.id}`, {
      token: t.admin,
      body: { name: 'No revision' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toEqual(['revision']);
  });

  it('refuses an edit from a stale revision with 409, changing nothing', async () => {
    const list = await server.request('GET', '/api/users', { token: t.admin });
    const read = list.body.items.find((u: { email: string }) => u.email === 'new@example.com');
    const first = await server.request('PATCH', `/api/users/${read.id}`, {
      token: t.admin,
      body: { revision: read.revision, name: 'First admin wins' },
    });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(read.revision + 1);

    const second = await server.request('PATCH', `/api/users/${read.id}`, {
      token: t.admin,
      body: { revision: read.revision, name: 'Second admin', disabled: true },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    expect(second.body.error.message).toMatch(/someone else changed this user/i);
    const after = await server.request('GET', `/api/users/${read.id}`, { token: t.admin });
    expect(after.body).toMatchObject({
      name: 'First admin wins',
      disabled: false,
      revision: first.body.revision,
    });
  });

  it('answers an unknown user with 404', async () => {
    const res = await server.request('GET', '/api/users/usr_missing', { token: t.admin });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
