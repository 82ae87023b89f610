import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    overrides: { loginLimits: { perIp: 50, perAccount: 3, windowMs: 60_000 } },
  });
});
afterAll(() => server.close());

describe('auth over HTTP', () => {
  it('logs a demo user in and returns an opaque token, the user and a CSRF token', async () => {
    const res = await server.request('POST', '/api/auth/login', {
      body: { email: 'Reviewer@Example.com', password: 'tandem' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'reviewer@example.com', roles: ['reviewer'] });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.csrfToken).toEqual(expect.any(String));
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/tandem_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await server.request('GET', '/api/auth/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('reviewer@example.com');
  });

  it('stores only the hash of the token', async () => {
    const token = await server.login('designer@example.com');
    expect(await server.app.store.sessions.find(token)).toBeNull();
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const res = await server.request('POST', '/api/auth/login', {
      body: { email: 'manager@example.com', password: 'nope' },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    const failures = await server.app.store.audit.list({ action: 'auth.login_failed' });
    expect(failures.items[0]?.details).toMatchObject({
      email: 'manager@example.com',
      reason: 'wrong_password',
    });
  });

  it('answers malformed login bodies with 400 and field paths', async () => {
    const res = await server.request('POST', '/api/auth/login', {
      body: { email: 'not-an-email' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const email = 'admin@example.com';
    const attempt = (password: string) =>
      server.request('POST', '/api/auth/login', { body: { email, password } });
    expect((await attempt('wrong-1')).status).toBe(401);
    expect((await attempt('wrong-2')).status).toBe(401);
    const third = await attempt('wrong-3');
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt('tandem')).status).toBe(429);
    // Other accounts are unaffected.
    expect(
      (
        await server.request('POST', '/api/auth/login', {
          body: { email: 'designer@example.com', password: 'tandem' },
        })
      ).status,
    ).toBe(200);
  });

  it('counts guesses sent in parallel: a burst tries no more passwords than the limit', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        server.request('POST', '/api/auth/login', {
          body: { email: 'burst@example.com', password: `guess-${i}` },
        }),
      ),
    );
    for (const attempt of attempts) expect([401, 429]).toContain(attempt.status);
    // Each checked password is one audited failure: only the limit's worth were checked at all.
    const failed = await server.app.store.audit.list({ action: 'auth.login_failed', limit: 500 });
    expect(failed.items.filter((e) => e.details.email === 'burst@example.com')).toHaveLength(3);
  });

  it('revokes the session on logout', async () => {
    const token = await server.login('reviewer@example.com');
    expect((await server.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    const me = await server.request('GET', '/api/auth/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('needs the CSRF header for unsafe requests authenticated by cookie', async () => {
    const login = await server.request('POST', '/api/auth/login', {
      body: { email: 'reviewer@example.com', password: 'tandem' },
    });
    const cookie = `tandem_session=${login.body.token}`;
    const read = await server.request('GET', '/api/auth/me', { headers: { cookie } });
    expect(read.status).toBe(200);
    const noCsrf = await server.request('POST', '/api/auth/logout', { headers: { cookie } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.details.reason).toBe('csrf');
    const wrong = await server.request('POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': 'x'.repeat(32) },
    });
    expect(wrong.status).toBe(403);
    const ok = await server.request('POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': login.body.csrfToken },
    });
    expect(ok.status).toBe(204);
  });

  it('tells the login page which demo accounts exist', async () => {
    const res = await server.request('GET', '/api/auth/demo');
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(true);
    expect(res.body.password).toBe('tandem');
    expect(res.body.users.map((u: { email: string }) => u.email).sort()).toEqual([
      'admin@example.com',
      'designer@example.com',
      'manager@example.com',
      'reviewer@example.com',
    ]);
  });

  it('records logins in the audit trail', async () => {
    await server.login('manager@example.com');
    const logins = await server.app.store.audit.list({ action: 'auth.login' });
    expect(logins.items.length).toBeGreaterThan(0);
    expect(logins.items[0]?.actorId).toEqual(expect.any(String));
  });
});

describe('production seeding', () => {
  it('creates no demo users, only the configured first admin', async () => {
    const prod = await startTestServer({
      env: {
        NODE_ENV: 'production',
        TANDEM_ADMIN_EMAIL: 'boss@corp.example',
        TANDEM_ADMIN_PASSWORD: 'a-very-long-password',
      },
    });
    try {
      const demo = await prod.request('GET', '/api/auth/demo');
      expect(demo.body).toEqual({ enabled: false, password: null, users: [] });
      const users = await prod.app.store.users.list();
      expect(users.map((u) => u.email)).toEqual(['boss@corp.example']);
      await prod.login('boss@corp.example', 'a-very-long-password');
      const refused = await prod.request('POST', '/api/auth/login', {
        body: { email: 'admin@example.com', password: 'tandem' },
      });
      expect(refused.status).toBe(401);
    } finally {
      await prod.close();
    }
  });
});

describe('login limits per client behind a proxy', () => {
  /** A server behind one proxy with these limits; `attempt` signs in as `email` from `ip`. */
  async function behindProxy(
    limits: { perIp: number; perAccount: number },
    email: string,
    check: (attempt: (ip: string, password: string) => Promise<number>) => Promise<void>,
  ): Promise<void> {
    const proxied = await startTestServer({
      env: { TANDEM_TRUST_PROXY: '1' },
      overrides: { loginLimits: { ...limits, windowMs: 60_000 } },
    });
    try {
      await check(async (ip, password) => {
        const res = await proxied.request('POST', '/api/auth/login', {
          body: { email, password },
          headers: { 'x-forwarded-for': ip },
        });
        return res.status;
      });
    } finally {
      await proxied.close();
    }
  }

  it('uses X-Forwarded-For only with TANDEM_TRUST_PROXY, so clients are limited separately', async () => {
    await behindProxy({ perIp: 2, perAccount: 50 }, 'designer@example.com', async (attempt) => {
      expect(await attempt('203.0.113.1', 'wrong')).toBe(401);
      expect(await attempt('203.0.113.1', 'wrong')).toBe(429);
      expect(await attempt('203.0.113.1', 'tandem')).toBe(429);
      expect(await attempt('203.0.113.2', 'tandem')).toBe(200);
    });
  });

  it('locks an account only for the client that guessed: its owner elsewhere still signs in', async () => {
    await behindProxy({ perIp: 50, perAccount: 2 }, 'admin@example.com', async (attempt) => {
      expect(await attempt('203.0.113.7', 'wrong')).toBe(401);
      expect(await attempt('203.0.113.7', 'wrong')).toBe(429);
      expect(await attempt('203.0.113.7', 'tandem')).toBe(429);
      expect(await attempt('198.51.100.4', 'tandem')).toBe(200);
      // The guessing client stays locked out of that account.
      expect(await attempt('203.0.113.7', 'tandem')).toBe(429);
    });
  });
});
