import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let smtpId: string;
let webhookId: string;

const SMTP_PASSWORD = 'smtp-secret-never-shown';

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  const smtp = await server.request('POST', '/api/connections', {
    token: t.admin,
    body: {
      kind: 'smtp',
      name: 'Team mail',
      settings: { host: 'smtp.example.com', from: 'tandem@example.com', username: 'mailer' },
      secrets: { password: SMTP_PASSWORD },
    },
  });
  smtpId = smtp.body.id;
  const hook = await server.request('POST', '/api/connections', {
    token: t.admin,
    body: { kind: 'webhook', name: 'CMS', settings: { url: 'https://cms.example.com/hook' } },
  });
  webhookId = hook.body.id;
});
afterAll(() => server.close());

describe('/api/notifications/settings', () => {
  it('needs a session, and is for admins only', async () => {
    expect((await server.request('GET', '/api/notifications/settings')).status).toBe(401);
    for (const token of [t.reviewer, t.designer, t.manager]) {
      expect((await server.request('GET', '/api/notifications/settings', { token })).status).toBe(
        403,
      );
      const put = await server.request('PUT', '/api/notifications/settings', {
        token,
        body: { revision: 0, connectionId: smtpId, baseUrl: 'https://tandem.example.com' },
      });
      expect(put.status).toBe(403);
    }
    expect(await server.app.store.notificationSettings.find()).toBeNull();
  });

  it('refuses a bad address, a missing address and a connection that does not send email, by field', async () => {
    const put = (body: unknown) =>
      server.request('PUT', '/api/notifications/settings', { token: t.admin, body });
    const ftp = await put({ revision: 0, connectionId: smtpId, baseUrl: 'ftp://tandem.example' });
    expect(ftp.status).toBe(400);
    expect(ftp.body.error.details.issues).toEqual([
      { path: ['baseUrl'], message: 'Use an http:// or https:// address' },
    ]);
    const missing = await put({ revision: 0, connectionId: smtpId, baseUrl: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toEqual(['baseUrl']);
    const hook = await put({ revision: 0, connectionId: webhookId, baseUrl: 'https://t.example' });
    expect(hook.status).toBe(400);
    expect(hook.body.error.details.issues).toEqual([
      {
        path: ['connectionId'],
        message: 'CMS is not an SMTP connection; choose one that sends email',
      },
    ]);
    const gone = await put({
      revision: 0,
      connectionId: 'conn_gone',
      baseUrl: 'https://t.example',
    });
    expect(gone.body.error.details.issues[0].path).toEqual(['connectionId']);
    expect(await server.app.store.notificationSettings.find()).toBeNull();
  });

  it('saves the admin’s choice by revision, audits it, and never shows the connection’s secrets', async () => {
    const before = await server.request('GET', '/api/notifications/settings', { token: t.admin });
    expect(before.body).toEqual({
      connectionId: null,
      baseUrl: null,
      revision: 0,
      updatedAt: null,
      updatedBy: null,
    });
    const saved = await server.request('PUT', '/api/notifications/settings', {
      token: t.admin,
      body: { revision: 0, connectionId: smtpId, baseUrl: 'https://tandem.example.com/' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      connectionId: smtpId,
      baseUrl: 'https://tandem.example.com',
      revision: 0,
    });
    expect(JSON.stringify(saved.body)).not.toContain(SMTP_PASSWORD);
    const stale = await server.request('PUT', '/api/notifications/settings', {
      token: t.admin,
      body: { revision: 5, connectionId: null, baseUrl: null },
    });
    expect(stale.status).toBe(409);
    const audit = await server.request('GET', '/api/audit?action=notifications.changed', {
      token: t.admin,
    });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toEqual({
      connectionId: smtpId,
      baseUrl: 'https://tandem.example.com',
      revision: 0,
    });
  });
});

describe('/api/notifications/preference', () => {
  it('needs a session and a valid body', async () => {
    expect((await server.request('GET', '/api/notifications/preference')).status).toBe(401);
    const bad = await server.request('PUT', '/api/notifications/preference', {
      token: t.reviewer,
      body: { reviewEmails: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['reviewEmails']);
  });

  it('is off by default, says whether sending is set up, and keeps each user’s own choice', async () => {
    const admin = { token: t.admin };
    await server.request('PUT', '/api/notifications/settings', {
      ...admin,
      body: { revision: 0, connectionId: null, baseUrl: null },
    });
    const off = await server.request('GET', '/api/notifications/preference', { token: t.reviewer });
    expect(off.body).toEqual({ reviewEmails: false, available: false, timeZone: null });

    const current = await server.request('GET', '/api/notifications/settings', admin);
    await server.request('PUT', '/api/notifications/settings', {
      ...admin,
      body: {
        revision: current.body.revision,
        connectionId: smtpId,
        baseUrl: 'https://tandem.example.com',
      },
    });
    const on = await server.request('PUT', '/api/notifications/preference', {
      token: t.reviewer,
      body: { reviewEmails: true },
    });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ reviewEmails: true, available: true, timeZone: null });
    const mine = await server.request('GET', '/api/notifications/preference', {
      token: t.reviewer,
    });
    expect(mine.body.reviewEmails).toBe(true);
    const others = await server.request('GET', '/api/notifications/preference', {
      token: t.manager,
    });
    expect(others.body.reviewEmails).toBe(false);
  });

  it('keeps the time zone the emails give due times in, and refuses one it does not know', async () => {
    const unknown = await server.request('PUT', '/api/notifications/preference', {
      token: t.manager,
      body: { reviewEmails: true, timeZone: 'Mars/Olympus_Mons' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues).toEqual([
      { path: ['timeZone'], message: 'Unknown time zone: use a name like Europe/Berlin or UTC' },
    ]);
    // Nothing was stored by the refused request.
    const before = await server.request('GET', '/api/notifications/preference', {
      token: t.manager,
    });
    expect(before.body).toMatchObject({ reviewEmails: false, timeZone: null });

    const saved = await server.request('PUT', '/api/notifications/preference', {
      token: t.manager,
      body: { reviewEmails: true, timeZone: 'Europe/Paris' },
    });
    expect(saved.body).toMatchObject({ reviewEmails: true, timeZone: 'Europe/Paris' });
    // A save without one (an older page) keeps the zone saved before.
    const off = await server.request('PUT', '/api/notifications/preference', {
      token: t.manager,
      body: { reviewEmails: false },
    });
    expect(off.body).toMatchObject({ reviewEmails: false, timeZone: 'Europe/Paris' });
  });
});
