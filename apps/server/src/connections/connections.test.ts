import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let sink: Server;
let sinkUrl: string;
const received: { headers: Record<string, unknown>; body: string }[] = [];
const SIGNING = `whsec_${Buffer.from('0123456789abcdef0123').toString('base64')}`;

beforeAll(async () => {
  sink = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
});
afterAll(async () => {
  await server.close();
  sink.close();
});

describe('/api/connections', () => {
  let id: string;

  it('saves a webhook connection with its secret sealed and masked on read', async () => {
    const res = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'webhook',
        name: 'CMS',
        settings: { url: sinkUrl },
        secrets: { signingSecret: SIGNING },
      },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body.secrets.signingSecret).toMatch(/^•+/);
    expect(JSON.stringify(res.body)).not.toContain(SIGNING);
    expect(res.body.secretsCiphertext).toBeUndefined();
    const stored = await server.app.store.connections.get(id);
    expect(stored.secretsCiphertext).not.toContain(SIGNING);
    const list = await server.request('GET', '/api/connections', { token: t.admin });
    expect(JSON.stringify(list.body)).not.toContain(SIGNING);
    const audit = await server.app.store.audit.list({ subjectId: id });
    expect(JSON.stringify(audit.items)).not.toContain(SIGNING);
  });

  it('tests a connection by delivering a signed test message', async () => {
    const res = await server.request('POST', `/api/connections/${id}/test`, { token: t.admin });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(received.at(-1)?.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('keeps a secret sent back in the masked form the API showed', async () => {
    const read = await server.request('GET', `/api/connections/${id}`, { token: t.admin });
    const masked = read.body.secrets.signingSecret as string;
    const saved = await server.request('PUT', `/api/connections/${id}`, {
      token: t.admin,
      body: { name: 'CMS', settings: read.body.settings, secrets: { signingSecret: masked } },
    });
    expect(saved.status).toBe(200);
    // The test delivery is still signed with the real secret, not with its mask.
    const res = await server.request('POST', `/api/connections/${id}/test`, { token: t.admin });
    expect(res.body.ok).toBe(true);
    const { headers, body } = received.at(-1)!;
    const key = Buffer.from(SIGNING.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);

    const created = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'webhook',
        name: 'Copy',
        settings: { url: sinkUrl },
        secrets: { signingSecret: masked },
      },
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details.issues[0].path).toEqual(['secrets', 'signingSecret']);
  });

  it('keeps a secret on update unless it is replaced or removed', async () => {
    const renamed = await server.request('PUT', `/api/connections/${id}`, {
      token: t.admin,
      body: { name: 'CMS hook' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.secrets.signingSecret).toBeDefined();
    const cleared = await server.request('PUT', `/api/connections/${id}`, {
      token: t.admin,
      body: { secrets: { signingSecret: null } },
    });
    expect(cleared.body.secrets.signingSecret).toBeUndefined();
  });

  it.each([
    {
      kind: 'wordpress',
      settings: { siteUrl: 'https://blog.example.com', username: 'editor' },
      moved: { siteUrl: 'https://collector.example.net', username: 'editor' },
      samePlace: { siteUrl: 'https://blog.example.com/', username: 'another-editor' },
      secret: 'applicationPassword',
    },
    {
      kind: 'smtp',
      settings: { host: 'smtp.example.com', port: 587, from: 'news@example.com', username: 'u' },
      moved: { host: 'mail.example.net', port: 587, from: 'news@example.com', username: 'u' },
      samePlace: { host: 'SMTP.example.com', from: 'team@example.com', username: 'u' },
      secret: 'password',
    },
    {
      kind: 'llm',
      settings: { baseUrl: 'https://llm.example.com/v1', model: 'm' },
      moved: { baseUrl: 'https://collector.example.net/v1', model: 'm' },
      samePlace: { baseUrl: 'https://llm.example.com/v2', model: 'other' },
      secret: 'apiKey',
    },
  ])(
    'asks for the $kind $secret again when the address it goes to moves to another host',
    async ({ kind, settings, moved, samePlace, secret }) => {
      // The stored value was entered for one host and is never shown; moving the address
      // kept it, and the test button (or the next run) handed it to the new host.
      const value = 'stored-credential-0123456789';
      const made = await server.request('POST', '/api/connections', {
        token: t.admin,
        body: { kind, name: `Moving ${kind}`, settings, secrets: { [secret]: value } },
      });
      expect(made.status).toBe(201);
      const url = `/api/connections/${made.body.id}`;
      const same = await server.request('PUT', url, {
        token: t.admin,
        body: { settings: samePlace },
      });
      expect(same.status).toBe(200);
      for (const secrets of [undefined, { [secret]: made.body.secrets[secret] }]) {
        const res = await server.request('PUT', url, {
          token: t.admin,
          body: { settings: moved, ...(secrets ? { secrets } : {}) },
        });
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues).toEqual([
          {
            path: ['secrets', secret],
            message: 'Enter this value again: the address moved to another host',
          },
        ]);
      }
      const reentered = await server.request('PUT', url, {
        token: t.admin,
        body: { settings: moved, secrets: { [secret]: 'a-new-credential-9876543210' } },
      });
      expect(reentered.status).toBe(200);
    },
  );

  it('validates settings per kind with field paths', async () => {
    const res = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: { kind: 'smtp', name: 'Mail', settings: { host: 'smtp.example.com', from: 'nope' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toEqual(['settings', 'from']);
    const badSecret = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'webhook',
        name: 'X',
        settings: { url: sinkUrl },
        secrets: { signingSecret: 'plain' },
      },
    });
    expect(badSecret.status).toBe(400);
    expect(JSON.stringify(badSecret.body)).not.toContain('"plain"');
    expect(badSecret.body.error.message).toBe("The connection's signing secret is not valid");
  });

  it('answers deeply nested settings with a 400 naming the field, not a crash', async () => {
    // z.json() recursed once per level: 100 000 levels overflowed the stack (a 500).
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const settings = `"settings":{"url":"${sinkUrl}","x":${deep}}`;
    for (const [method, path, body] of [
      ['POST', '/api/connections', `{"kind":"webhook","name":"Deep",${settings}}`],
      ['PUT', `/api/connections/${id}`, `{${settings}}`],
    ] as const) {
      const res = await server.request(method, path, { token: t.admin, raw: true, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path.slice(0, 2)).toEqual(['settings', 'x']);
    }
  });

  it('says a missing required field is required, not in zod words', async () => {
    const res = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: { kind: 'wordpress', name: 'Blog', settings: { siteUrl: 'https://blog.example.com' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      { path: ['settings', 'username'], message: 'Required' },
    ]);
  });

  it('refuses settings and secrets the kind does not have, instead of dropping them', async () => {
    const before = (await server.app.store.connections.list()).length;
    const typo = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'webhook',
        name: 'Typo',
        settings: { url: sinkUrl, constructor: 1 },
        secrets: { signingSecrt: 'whsec_dGhpcy1pcy1hLXNpZ25pbmctc2VjcmV0' },
      },
    });
    expect(typo.status).toBe(400);
    expect(typo.body.error.details.issues.map((i: { path: string[] }) => i.path)).toEqual([
      ['settings', 'constructor'],
      ['secrets', 'signingSecrt'],
    ]);
    expect(JSON.stringify(typo.body)).not.toContain('dGhpcy1p');
    expect(await server.app.store.connections.list()).toHaveLength(before);

    const stored = await server.app.store.connections.get(id);
    const update = await server.request('PUT', `/api/connections/${id}`, {
      token: t.admin,
      body: { settings: { url: sinkUrl, urll: sinkUrl } },
    });
    expect(update.status).toBe(400);
    expect(update.body.error.details.issues[0].path).toEqual(['settings', 'urll']);
    expect(await server.app.store.connections.get(id)).toEqual(stored);
  });

  it('is for admins only', async () => {
    for (const token of [t.designer, t.reviewer, t.manager]) {
      expect((await server.request('GET', '/api/connections', { token })).status).toBe(403);
    }
    expect((await server.request('GET', '/api/connections')).status).toBe(401);
  });

  it('deletes a connection', async () => {
    expect(
      (await server.request('DELETE', `/api/connections/${id}`, { token: t.admin })).status,
    ).toBe(204);
    expect((await server.request('GET', `/api/connections/${id}`, { token: t.admin })).status).toBe(
      404,
    );
  });
});

describe('outbound URL policy at save time', () => {
  it('refuses private and loopback targets unless TANDEM_ALLOW_PRIVATE_NETWORK=true', async () => {
    const strict = await startTestServer();
    try {
      const token = await strict.login('admin@example.com');
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://169.254.169.254/latest',
        'http://10.0.0.1/',
      ]) {
        const res = await strict.request('POST', '/api/connections', {
          token,
          body: { kind: 'webhook', name: 'Internal', settings: { url } },
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('URL_FORBIDDEN');
        expect(res.body.error.details.issues[0].path).toEqual(['settings', 'url']);
      }
      const slack = await strict.request('POST', '/api/connections', {
        token,
        body: { kind: 'slack', name: 'Slack', secrets: { webhookUrl: 'file:///etc/passwd' } },
      });
      expect(slack.status).toBe(422);
    } finally {
      await strict.close();
    }
  });
});
