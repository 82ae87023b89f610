import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
const SIGNING = `whsec_${Buffer.from('0123456789abcdef0123').toString('base64')}`;
const HEADER_VALUE = 'header-value-that-must-stay-hidden';
const SMTP_PASSWORD = 'smtp-password-that-must-stay-hidden';

beforeAll(async () => {
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
  const created = await Promise.all([
    server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'webhook',
        name: 'CMS hook',
        settings: { url: 'http://127.0.0.1:9/secret-path' },
        secrets: { signingSecret: SIGNING },
        headers: { 'X-Api-Key': HEADER_VALUE },
      },
    }),
    server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'smtp',
        name: 'Agency mail',
        settings: { host: 'mail.internal.example', port: 587, from: 'news@example.com' },
        secrets: { password: SMTP_PASSWORD },
      },
    }),
  ]);
  for (const res of created) expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(() => server.close());

describe('GET /api/connections/directory', () => {
  it('lists id, name, kind and whether disabled, to designers and admins', async () => {
    for (const token of [t.designer, t.admin]) {
      const res = await server.request('GET', '/api/connections/directory', { token });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: expect.stringMatching(/^con_/), name: 'Agency mail', kind: 'smtp', disabled: false },
        { id: expect.stringMatching(/^con_/), name: 'CMS hook', kind: 'webhook', disabled: false },
      ]);
    }
  });

  it('shows no settings, secrets or header values, not even masked', async () => {
    const res = await server.request('GET', '/api/connections/directory', { token: t.designer });
    const body = JSON.stringify(res.body);
    for (const hidden of [
      SIGNING,
      HEADER_VALUE,
      SMTP_PASSWORD,
      'secret-path',
      'mail.internal.example',
      'news@example.com',
      'X-Api-Key',
      '•',
    ]) {
      expect(body).not.toContain(hidden);
    }
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(['disabled', 'id', 'kind', 'name']);
    }
  });

  it('refuses reviewers and managers, and callers without a session', async () => {
    for (const token of [t.reviewer, t.manager]) {
      const res = await server.request('GET', '/api/connections/directory', { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await server.request('GET', '/api/connections/directory')).status).toBe(401);
  });

  it('leaves the admin-only list and single reads closed to designers', async () => {
    const list = await server.request('GET', '/api/connections', { token: t.designer });
    expect(list.status).toBe(403);
    const { items } = (
      await server.request('GET', '/api/connections/directory', { token: t.admin })
    ).body as { items: { id: string }[] };
    const one = await server.request('GET', `/api/connections/${items[0]!.id}`, {
      token: t.designer,
    });
    expect(one.status).toBe(403);
  });
});
