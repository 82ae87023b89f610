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

describe('/api/brand-kits', () => {
  it('lets every role read the seeded brand kit', async () => {
    const res = await server.request('GET', '/api/brand-kits', { token: t.reviewer });
    expect(res.status).toBe(200);
    expect(res.body.items[0].name).toBe('Lumen Analytics');
    expect((await server.request('GET', '/api/brand-kits')).status).toBe(401);
  });

  it('lets admins update it, refusing stale revisions and other roles', async () => {
    const kit = (await server.request('GET', '/api/brand-kits', { token: t.admin })).body.items[0];
    const { id, updatedBy: _u, updatedAt: _a, revision, ...input } = kit;
    const denied = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.designer,
      body: { ...input, voice: 'Loud' },
    });
    expect(denied.status).toBe(403);
    const res = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.admin,
      body: { ...input, bannedPhrases: [...input.bannedPhrases, 'disrupt'], revision },
    });
    expect(res.status).toBe(200);
    expect(res.body.bannedPhrases).toContain('disrupt');
    const stale = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.admin,
      body: { ...input, revision },
    });
    expect(stale.status).toBe(409);
    const bad = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.admin,
      body: { ...input, voice: 7, revision: revision + 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['voice']);
    // A kit is replaced whole: without the revision loaded, nothing is overwritten.
    const blind = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.admin,
      body: { ...input, voice: 'Blind' },
    });
    expect(blind.status).toBe(400);
    expect(blind.body.error.details.issues).toEqual([
      {
        path: ['revision'],
        message:
          'Send the revision you loaded, so a newer save by another admin is not overwritten',
      },
    ]);
    const kept = await server.request('GET', `/api/brand-kits/${id}`, { token: t.admin });
    expect(kept.body.bannedPhrases).toContain('disrupt');
    expect(kept.body.voice).toBe(input.voice);
  });

  it('keeps only the host of a pasted URL among the allowed link domains, and refuses a non-domain by its place', async () => {
    const kit = (await server.request('GET', '/api/brand-kits', { token: t.admin })).body.items[0];
    const { id, updatedBy: _u, updatedAt: _a, revision, ...input } = kit;
    const bad = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.admin,
      body: { ...input, linkAllowList: ['lumen.example', 'not a domain!!', 'http://'], revision },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      expect.objectContaining({
        path: ['linkAllowList', 1],
        message: expect.stringContaining('not a domain'),
      }),
      expect.objectContaining({ path: ['linkAllowList', 2] }),
    ]);
    const res = await server.request('PUT', `/api/brand-kits/${id}`, {
      token: t.admin,
      body: {
        ...input,
        linkAllowList: [
          'https://Lumen.example/path?q=1',
          'docs.lumen.example/guide',
          'lumen.example',
        ],
        revision,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.linkAllowList).toEqual(['lumen.example', 'docs.lumen.example']);
  });
});
