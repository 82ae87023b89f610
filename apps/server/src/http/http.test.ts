import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import { toAppError } from './errors.middleware.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login('admin@example.com');
});
afterAll(() => server.close());

describe('HTTP hardening', () => {
  it('reports health without authentication, and what the deployment is made of only to a signed-in caller', async () => {
    const res = await server.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, storeOk: true });
    for (const detail of ['store', 'ai', 'queue', 'adapter'])
      expect(res.body).not.toHaveProperty(detail);
    const forged = await server.request('GET', '/api/health', { token: 'not-a-session' });
    expect(forged.body).not.toHaveProperty('ai');

    const signedIn = await server.request('GET', '/api/health', {
      token: (await server.tokens()).reviewer,
    });
    expect(signedIn.body).toMatchObject({ ok: true, ai: 'offline', queue: 'in-process' });
    expect(['sqlite', 'mongo', 'memory']).toContain(signedIn.body.store);
  });

  it('sends security headers with a CSP that allows no inline script, and no X-Powered-By', async () => {
    const res = await server.request('GET', '/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses bodies that are not JSON with 415', async () => {
    const res = await server.request('POST', '/api/auth/login', {
      body: 'email=a&password=b',
      raw: true,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await server.request('POST', '/api/users', {
      token,
      body: { name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await server.request('POST', '/api/auth/login', { body: '{"email":', raw: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('says a body that is JSON but not an object or array is the wrong shape, not bad JSON', async () => {
    for (const body of ['null', '42', '"text"', 'true']) {
      const res = await server.request('POST', '/api/auth/login', { body, raw: true });
      expect(res.status, body).toBe(400);
      expect(res.body.error.details.issues, body).toEqual([
        { path: [], message: 'Send a JSON object as the body' },
      ]);
    }
    const broken = await server.request('POST', '/api/auth/login', { body: 'nul', raw: true });
    expect(broken.body.error.details.issues[0].message).toBe('The body is not valid JSON');
  });

  it('answers unknown API routes with 404 once signed in, 401 before', async () => {
    expect((await server.request('GET', '/api/nope')).status).toBe(401);
    const res = await server.request('GET', '/api/nope', { token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers a malformed percent-escape in a path parameter with 400, signed in or not', async () => {
    const open = await server.request('POST', '/api/hooks/%ff', { body: {} });
    expect(open.status).toBe(400);
    expect(open.body.error.code).toBe('VALIDATION_FAILED');
    const signedIn = await server.request('GET', '/api/flows/%E0%A4%A', { token });
    expect(signedIn.status).toBe(400);
    expect(signedIn.body.error.message).toBe('The request path is not valid');
  });

  it('keeps a URIError of our own (not the router decoding a path) a server error', () => {
    expect(toAppError(new URIError('URI malformed')).code).toBe('INTERNAL');
  });

  it('rejects a malformed bearer token', async () => {
    const res = await server.request('GET', '/api/auth/me', { token: 'garbage' });
    expect(res.status).toBe(401);
  });
});
