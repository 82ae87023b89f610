import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

describe('/api/audit', () => {
  it('lists events newest first with filters, for managers and admins', async () => {
    const res = await server.request('GET', '/api/audit?action=auth.login&limit=2', {
      token: t.manager,
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0].seq).toBeGreaterThan(res.body.items[1].seq);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    const me = await server.request('GET', '/api/auth/me', { token: t.designer });
    const mine = await server.request('GET', `/api/audit?actor=${me.body.user.id}`, {
      token: t.admin,
    });
    expect(mine.body.items.every((e: { actorId: string }) => e.actorId === me.body.user.id)).toBe(
      true,
    );
    expect((await server.request('GET', '/api/audit', { token: t.reviewer })).status).toBe(403);
    expect((await server.request('GET', '/api/audit?limit=0', { token: t.admin })).status).toBe(
      400,
    );
  });

  it('verifies the hash chain, and detects tampering', async () => {
    const ok = await server.request('GET', '/api/audit/verify', { token: t.admin });
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.checked).toBeGreaterThan(4);
    expect((await server.request('GET', '/api/audit/verify', { token: t.manager })).status).toBe(
      403,
    );

    // Someone with file access rewrites history: the chain no longer verifies.
    const db = new Database(join(server.dataDir, 'tandem.db'));
    const row = db.prepare('SELECT seq, doc FROM audit ORDER BY seq LIMIT 1').get() as {
      seq: number;
      doc: string;
    };
    const tampered = row.doc
      .replace('"auth.login"', '"auth.logout"')
      .replace('"user.seeded"', '"user.created"');
    expect(tampered).not.toBe(row.doc);
    db.prepare('UPDATE audit SET doc = ? WHERE seq = ?').run(tampered, row.seq);
    db.close();
    const broken = await server.request('GET', '/api/audit/verify', { token: t.admin });
    expect(broken.body).toMatchObject({ ok: false, brokenAt: 1 });
  });
});
