import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '@tandem/schema';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

function suggestion(id: string, fields: Partial<Suggestion>): Suggestion {
  const now = new Date().toISOString();
  return {
    id,
    flowId: 'flw_demo',
    nodeId: 'draft',
    kind: 'preferred_term',
    use: null,
    insteadOf: null,
    phrase: null,
    note: null,
    occurrences: 4,
    status: 'proposed',
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
    ...fields,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  await server.app.store.suggestions.create(
    suggestion('sug_term', { use: 'clients', insteadOf: 'customers' }),
  );
  await server.app.store.suggestions.create(
    suggestion('sug_ban', { kind: 'banned_phrase', phrase: 'best-in-class' }),
  );
});
afterAll(() => server.close());

describe('/api/suggestions', () => {
  it('lists proposed suggestions for a flow', async () => {
    const res = await server.request('GET', '/api/suggestions?flowId=flw_demo&status=proposed', {
      token: t.manager,
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: string }) => s.id).sort()).toEqual(['sug_ban', 'sug_term']);
    expect((await server.request('GET', '/api/suggestions', { token: t.reviewer })).status).toBe(
      403,
    );
  });

  it('accepting a term puts it into the brand kit, audited; deciding twice is a 409', async () => {
    const res = await server.request('POST', '/api/suggestions/sug_term/accept', {
      token: t.manager,
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
    const [kit] = await server.app.store.brandKits.list();
    expect(kit!.preferredTerms).toContainEqual({ use: 'clients', insteadOf: 'customers' });
    const audit = await server.app.store.audit.list({ action: 'suggestion.accepted' });
    expect(audit.items[0]).toMatchObject({ subjectId: 'sug_term' });
    const again = await server.request('POST', '/api/suggestions/sug_term/dismiss', {
      token: t.manager,
    });
    expect(again.status).toBe(409);
  });

  it('dismissing changes nothing else; designers may not decide', async () => {
    expect(
      (await server.request('POST', '/api/suggestions/sug_ban/accept', { token: t.designer }))
        .status,
    ).toBe(403);
    const res = await server.request('POST', '/api/suggestions/sug_ban/dismiss', {
      token: t.admin,
    });
    expect(res.body.status).toBe('dismissed');
    const [kit] = await server.app.store.brandKits.list();
    expect(kit!.bannedPhrases).not.toContain('best-in-class');
  });
});
