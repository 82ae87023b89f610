import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../openapi/api-spec.js';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

/*
 * Walks every route with a path parameter (the OpenAPI table, which route-inventory.test.ts
 * holds to what Express serves) and puts a malformed value in each parameter in turn: the
 * answer is 400 naming the parameter, in the shape of every validation error, never a 500 or a
 * store lookup of the raw value.
 */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

/** Malformed as they appear in the request's path (percent-encoded), with what they are. */
const MALFORMED: [string, string][] = [
  ['%00bad', 'a NUL byte'],
  ['..%2Fx', 'a path escape'],
  ['x'.repeat(300), 'a 300-character id'],
  ['a%20b', 'a space'],
  ['%E2%80%AEevil', 'a right-to-left override'],
];

/** A token the route lets in: its first role, or any session. */
function tokenFor(access: (typeof ROUTES)[number]['access']): string | undefined {
  if (access === 'public') return undefined;
  if (access === 'signed-in') return t.admin;
  const role = access[0] as keyof typeof t;
  return t[role];
}

describe('a malformed id in a URL path', () => {
  it('is answered 400 with the parameter as the field path, on every route', async () => {
    const wrong: string[] = [];
    let asked = 0;
    for (const spec of ROUTES) {
      const names = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const name of names) {
        for (const [value, what] of MALFORMED) {
          const path = spec.path.replace(/\{(\w+)\}/g, (_, n: string) =>
            n === name ? value : n === 'number' ? '1' : `inv_${n}`,
          );
          const method = spec.method.toUpperCase();
          const token = tokenFor(spec.access);
          asked += 1;
          const res = await server.request(method, path, {
            ...(token ? { token } : {}),
            ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
          });
          const issues = res.body?.error?.details?.issues as { path: unknown[] }[] | undefined;
          const named = issues?.some((i) => i.path[0] === name);
          if (res.status !== 400 || res.body.error.code !== 'VALIDATION_FAILED' || !named) {
            wrong.push(`${method} ${spec.path} with ${what} in ${name} -> ${res.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // Every route with an id in its path was asked: the table did not come back empty.
    expect(asked).toBeGreaterThan(100);
  });
});

/** A request sent as written: fetch would resolve the dots before the server saw them. */
function rawGet(path: string, token: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('dots in a URL path, sent as written', () => {
  it('are a 400 or a 404 in the API’s error shape, never a 500', async () => {
    for (const path of [
      '/api/flows/../x',
      '/api/runs/..',
      '/api/flows/./publish',
      '/api/tasks/...',
    ]) {
      const res = await rawGet(path, t.admin);
      expect([400, 404], `${path} -> ${res.status}`).toContain(res.status);
      expect(JSON.parse(res.body).error.code, path).toMatch(/^(VALIDATION_FAILED|NOT_FOUND)$/);
    }
  });
});
