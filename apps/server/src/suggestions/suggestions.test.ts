import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback, Suggestion } from '@tandem/schema';
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

describe('/api/suggestions acceptance is all or nothing', () => {
  it('leaves a suggestion proposed when the brand kit has no room for it', async () => {
    const store = server.app.store;
    const [kit] = await store.brandKits.list();
    const full = Array.from({ length: 1_000 }, (_, i) => `phrase ${i}`);
    await store.brandKits.update({ ...kit!, bannedPhrases: full });
    await store.suggestions.create(
      suggestion('sug_no_room', { kind: 'banned_phrase', phrase: 'world-class' }),
    );

    const res = await server.request('POST', '/api/suggestions/sug_no_room/accept', {
      token: t.manager,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.issues[0].path).toEqual(['bannedPhrases']);
    expect((await store.suggestions.get('sug_no_room')).status).toBe('proposed');
    const [after] = await store.brandKits.list();
    expect(after!.bannedPhrases).toEqual(full);
    await store.brandKits.update({ ...after!, bannedPhrases: kit!.bannedPhrases });
  });

  it('still puts the term into the brand kit when an admin saves the kit meanwhile', async () => {
    const store = server.app.store;
    await store.suggestions.create(
      suggestion('sug_race', { use: 'sign up', insteadOf: 'onboard' }),
    );
    // Twice the kit is read and then an admin's save lands before the change is written.
    const list = store.brandKits.list.bind(store.brandKits);
    let races = 2;
    store.brandKits.list = async () => {
      const kits = await list();
      if (races > 0) {
        races -= 1;
        await store.brandKits.update({ ...kits[0]!, voice: 'Saved by an admin meanwhile.' });
      }
      return kits;
    };
    try {
      const res = await server.request('POST', '/api/suggestions/sug_race/accept', {
        token: t.manager,
      });
      expect(res.status).toBe(200);
    } finally {
      store.brandKits.list = list;
    }
    const [kit] = await store.brandKits.list();
    expect(kit!.preferredTerms).toContainEqual({ use: 'sign up', insteadOf: 'onboard' });
    expect(kit!.voice).toBe('Saved by an admin meanwhile.');
    expect((await store.suggestions.get('sug_race')).status).toBe('accepted');
  });
});

function decision(n: number, fields: Partial<Feedback>): Feedback {
  return {
    id: `fb_effect_${n}`,
    flowId: 'flw_effect',
    nodeId: 'review',
    sourceNodeId: 'draft',
    runId: `run_effect_${n}`,
    taskId: `tsk_effect_${n}`,
    promptVersion: null,
    action: 'approve',
    original: 'We utilize the tool.',
    final: 'We utilize the tool.',
    editSize: 0,
    reason: null,
    tags: [],
    flagged: false,
    sampled: false,
    actorId: 'u_reviewer',
    timeToDecideMs: 1000,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    ...fields,
  };
}

describe('/api/suggestions evidence of effect', () => {
  it('shows edit rate and mean edit size before and after an accepted suggestion', async () => {
    const acceptedAt = new Date(Date.UTC(2026, 0, 1, 0, 30)).toISOString();
    await server.app.store.suggestions.create(
      suggestion('sug_effect', {
        flowId: 'flw_effect',
        use: 'use',
        insteadOf: 'utilize',
        status: 'accepted',
        decidedBy: 'u_manager',
        decidedAt: acceptedAt,
      }),
    );
    await server.app.store.suggestions.create(
      suggestion('sug_effect_open', { flowId: 'flw_effect', kind: 'banned_phrase', phrase: 'x' }),
    );
    // 10 decisions before (half edited by 4 words), 8 after (one edit of 2 words, one reject).
    for (let n = 0; n < 10; n += 1) {
      const edited = n % 2 === 0;
      await server.app.store.feedback.create(
        decision(n, edited ? { action: 'edit', final: 'We use the tool.', editSize: 4 } : {}),
      );
    }
    for (let n = 40; n < 48; n += 1) {
      const fields: Partial<Feedback> =
        n === 40
          ? { action: 'edit', final: 'We use the tool now.', editSize: 2 }
          : n === 41
            ? { action: 'reject', reason: 'Off topic' }
            : {};
      await server.app.store.feedback.create(decision(n, fields));
    }
    // Another AI step of the same flow is not this suggestion's evidence.
    await server.app.store.feedback.create(
      decision(50, { sourceNodeId: 'other', action: 'edit', editSize: 9 }),
    );

    const res = await server.request('GET', '/api/suggestions?flowId=flw_effect', {
      token: t.designer,
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.items.map((s: Suggestion) => [s.id, s]));
    expect(byId.sug_effect_open.effect).toBeUndefined();
    const effect = byId.sug_effect.effect;
    expect(effect).toMatchObject({
      before: { decisions: 10, edited: 5, editRate: 0.5, meanEditSize: 4 },
      after: { decisions: 8, edited: 1, editRate: 0.125, meanEditSize: 2, rejectionRate: 0.125 },
      editRateChange: -0.375,
      meanEditSizeChange: -2,
      enough: true,
    });
    expect(effect.summary).toBe(
      'Edit rate 50% → 13%, mean edit size 4.0 → 2.0 words (10 decisions before, 8 after)',
    );
  });
});
