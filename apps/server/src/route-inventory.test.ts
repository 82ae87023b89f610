import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from './openapi/api-spec.js';
import { CLIENT_EVENTS } from './realtime/socket.server.js';
import { PUSHED_EVENTS } from './realtime/push.js';
import { startTestServer } from './testing/harness.js';
import type { TestServer } from './testing/harness.js';

/*
 * Lists every route Express actually serves and every socket event, and fails when one is
 * reachable without a session outside the allow-list, when a role-gated route lets the wrong
 * role in, or when a route with a body accepts an invalid one.
 */

const ALLOW_LIST = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/auth/demo',
  'POST /api/hooks/:flowId',
]);

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: Layer[], out: Set<string>): void {
  for (const layer of stack) {
    if (layer.route && typeof layer.route.path === 'string') {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.add(`${method.toUpperCase()} ${layer.route.path}`);
      }
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, out);
    }
  }
}

const specKey = (r: (typeof ROUTES)[number]) =>
  `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`;
const concrete = (key: string) => key.split(' ')[1]!.replace(/:(\w+)/g, 'inv_$1');

let server: TestServer;
let routes: string[];
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  const found = new Set<string>();
  walk((server.app.expressApp as unknown as { router: { stack: Layer[] } }).router.stack, found);
  routes = [...found].sort();
});
afterAll(() => server.close());

describe('route inventory', () => {
  it('finds the routes, and every one is in the OpenAPI table (and back)', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toEqual(ROUTES.map(specKey).sort());
  });

  it('answers 401 without a session on every route outside the allow-list', async () => {
    const open: string[] = [];
    for (const key of routes) {
      if (ALLOW_LIST.has(key)) continue;
      const method = key.split(' ')[0]!;
      const res = await server.request(method, concrete(key), method === 'GET' ? {} : { body: {} });
      if (res.status !== 401) open.push(`${key} -> ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 401 to an expired session on every protected route', async () => {
    const me = await server.app.store.users.findByEmail('admin@example.com');
    const token = 'expired-token-for-the-inventory-test';
    await server.app.store.sessions.create({
      id: createHash('sha256').update(token).digest('hex'),
      userId: me!.id,
      createdAt: '2020-01-01T00:00:00.000Z',
      expiresAt: '2020-01-02T00:00:00.000Z',
      revokedAt: null,
      csrfToken: 'c'.repeat(32),
    });
    const open: string[] = [];
    for (const key of routes) {
      if (ALLOW_LIST.has(key)) continue;
      const method = key.split(' ')[0]!;
      const res = await server.request(method, concrete(key), { token });
      if (res.status !== 401) open.push(`${key} -> ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 403 on every role-gated route to a user without the role', async () => {
    const byRole = { designer: t.designer, reviewer: t.reviewer, manager: t.manager };
    const leaks: string[] = [];
    for (const spec of ROUTES) {
      if (!Array.isArray(spec.access)) continue;
      const key = specKey(spec);
      for (const [role, token] of Object.entries(byRole)) {
        if (spec.access.includes(role)) continue;
        const method = key.split(' ')[0]!;
        const res = await server.request(method, concrete(key), {
          token,
          ...(method === 'GET' ? {} : { body: {} }),
        });
        if (res.status !== 403) leaks.push(`${key} as ${role} -> ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('answers 400 with field paths on every route that takes a body, for an invalid one', async () => {
    const loose: string[] = [];
    for (const spec of ROUTES) {
      if (!spec.body) continue;
      const key = specKey(spec);
      const res = await server.request(key.split(' ')[0]!, concrete(key), {
        token: t.admin,
        body: { unexpected: true },
      });
      if (res.status !== 400 || !Array.isArray(res.body?.error?.details?.issues)) {
        loose.push(`${key} -> ${res.status}`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('needs the CSRF header for cookie-authenticated unsafe requests on every route', async () => {
    const unsafe = routes.filter((k) => !k.startsWith('GET ') && !ALLOW_LIST.has(k));
    const open: string[] = [];
    for (const key of unsafe) {
      const res = await server.request(key.split(' ')[0]!, concrete(key), {
        headers: { cookie: `tandem_session=${t.admin}` },
        body: {},
      });
      if (res.status !== 403) open.push(`${key} -> ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const res = await server.request('GET', '/api/openapi.json', { token: t.reviewer });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, object>).flatMap(
      ([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(routes);
    const decision = res.body.paths['/api/tasks/{id}/decision'].post;
    expect(decision.requestBody.content['application/json'].schema.properties.action.enum).toEqual([
      'approve',
      'edit',
      'request_changes',
      'reject',
    ]);
    expect(res.body.paths['/api/users'].get['x-roles']).toEqual(['admin']);
    // A user is changed from the revision the admin read, and a stale one is answered 409.
    const userPatch = res.body.paths['/api/users/{id}'].patch;
    expect(userPatch.requestBody.content['application/json'].schema.required).toEqual(['revision']);
    expect(userPatch.responses['409'].description).toMatch(/^CONFLICT: .*revision/);
    // Versions are paged like every list: limit and cursor in the query.
    const versions = res.body.paths['/api/flows/{id}/versions'].get;
    expect(
      versions.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
    ).toEqual(['path:id', 'query:limit', 'query:cursor']);
    expect(versions.responses['400'].description).toMatch(/VALIDATION_FAILED/);
    // The pickers' directories are the only user and connection reads open to designers.
    for (const path of ['/api/users/directory', '/api/connections/directory']) {
      expect(res.body.paths[path].get['x-roles']).toEqual(['designer', 'admin']);
    }
  });

  it('lists the socket events; none is reachable without authentication', async () => {
    expect([...CLIENT_EVENTS]).toEqual(['subscribe', 'unsubscribe']);
    expect([...PUSHED_EVENTS]).toEqual(
      expect.arrayContaining([
        'task.created',
        'task.updated',
        'run.updated',
        'step.updated',
        'automation.updated',
      ]),
    );
    const socket = server.socket();
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('UNAUTHENTICATED');
    const heard: string[] = [];
    socket.onAny((event: string) => heard.push(event));
    for (const event of CLIENT_EVENTS) socket.emit(event, { runId: 'run_x' });
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]);
  });
});
