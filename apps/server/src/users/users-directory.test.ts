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

describe('GET /api/users/directory', () => {
  it('lists everyone by id, name, roles and whether disabled, to designers and admins', async () => {
    for (const token of [t.designer, t.admin]) {
      const res = await server.request('GET', '/api/users/directory', { token });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          id: expect.stringMatching(/^usr_/),
          name: 'Ada Admin',
          roles: ['admin'],
          disabled: false,
        },
        {
          id: expect.stringMatching(/^usr_/),
          name: 'Dana Designer',
          roles: ['designer'],
          disabled: false,
        },
        {
          id: expect.stringMatching(/^usr_/),
          name: 'Max Manager',
          roles: ['manager'],
          disabled: false,
        },
        {
          id: expect.stringMatching(/^usr_/),
          name: 'Rae Reviewer',
          roles: ['reviewer'],
          disabled: false,
        },
      ]);
    }
  });

  it('shows no email, password hash or session data', async () => {
    const res = await server.request('GET', '/api/users/directory', { token: t.designer });
    const body = JSON.stringify(res.body);
    const records = await server.app.store.users.list();
    for (const record of records) {
      expect(body).not.toContain(record.email);
      expect(body).not.toContain(record.passwordHash);
    }
    for (const token of Object.values(t)) expect(body).not.toContain(token);
    expect(body).not.toMatch(/@|passwordHash|csrf|session/i);
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(['disabled', 'id', 'name', 'roles']);
    }
  });

  it('refuses reviewers and managers, and callers without a session', async () => {
    for (const token of [t.reviewer, t.manager]) {
      const res = await server.request('GET', '/api/users/directory', { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await server.request('GET', '/api/users/directory')).status).toBe(401);
  });

  it('leaves the admin-only user list closed to designers', async () => {
    expect((await server.request('GET', '/api/users', { token: t.designer })).status).toBe(403);
  });
});
