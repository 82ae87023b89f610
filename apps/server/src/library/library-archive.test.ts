import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '@tandem/store';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { Loose, TestServer } from '../testing/harness.js';
import { createLibraryArchive } from './library-archive.js';
import { savedEntry } from './library-fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(async () => {
  await server.close();
});

const listIds = async (query = '') => {
  const res = await server.request('GET', `/api/library${query}`, { token: t.designer });
  expect(res.status).toBe(200);
  return res.body.items.map((e: { id: string }) => e.id);
};

/** The entry's audit events, newest first: filed under its publication's key, as the rest. */
async function auditOf(id: string) {
  const { key } = await server.app.store.publications.get(id);
  const res = await server.request('GET', `/api/audit?subject=${encodeURIComponent(key)}`, {
    token: t.manager,
  });
  return res.body.items as Loose[];
}

describe('library archive', () => {
  it('takes an entry out of the list and back, keeping its publication, audited once', async () => {
    const { store } = server.app;
    await savedEntry(store, 1, { title: 'Spring tips', text: 'Plant early.' });
    await savedEntry(store, 2, { title: 'Summer tips', text: 'Water often.' });

    const archived = await server.request('POST', '/api/library/pub_lib1/archive', {
      token: t.designer,
    });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: 'pub_lib1', title: 'Spring tips' });
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    // Its saved time is still when it was saved.
    expect(archived.body.savedAt).toBe('2026-01-01T00:00:01.000Z');
    expect(await listIds()).toEqual(['pub_lib2']);
    expect(await listIds('?archived=true')).toEqual(['pub_lib1']);
    expect(await listIds('?archived=true&q=spring')).toEqual(['pub_lib1']);
    const one = await server.request('GET', '/api/library/pub_lib1', { token: t.manager });
    expect(one.body).toEqual(archived.body);
    const record = await server.request('GET', '/api/publications/pub_lib1', { token: t.manager });
    expect(record.body).toMatchObject({
      status: 'succeeded',
      archivedAt: archived.body.archivedAt,
    });

    // Twice is fine and changes nothing: same time, no second audit event.
    const again = await server.request('POST', '/api/library/pub_lib1/archive', {
      token: t.manager,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(archived.body);
    const events = await auditOf('pub_lib1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'library.archived',
      actorId: expect.any(String),
      subjectType: 'publication',
      subjectId: 'run_lib:save1',
      details: { entryId: 'pub_lib1', title: 'Spring tips' },
    });
    const designer = await server.request('GET', '/api/auth/me', { token: t.designer });
    expect(events[0].actorId).toBe(designer.body.user?.id ?? designer.body.id);

    const restored = await server.request('POST', '/api/library/pub_lib1/restore', {
      token: t.admin,
    });
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    await server.request('POST', '/api/library/pub_lib1/restore', { token: t.admin });
    expect(await listIds()).toEqual(['pub_lib2', 'pub_lib1']);
    expect(await listIds('?archived=true')).toEqual([]);
    expect((await auditOf('pub_lib1')).map((e) => e.action)).toEqual([
      'library.restored',
      'library.archived',
    ]);
  });

  it('pushes the change to open library pages', async () => {
    await savedEntry(server.app.store, 3, { title: 'Autumn' });
    const socket = server.socket({ token: t.manager });
    await nextEvent(socket, 'connect');
    try {
      const heard = nextEvent<Loose>(socket, 'publication.updated', 5000);
      await server.request('POST', '/api/library/pub_lib3/archive', { token: t.designer });
      const { publication } = await heard;
      expect(publication).toMatchObject({ id: 'pub_lib3', archivedAt: expect.any(String) });
    } finally {
      socket.close();
    }
  });

  it('loses no change when archives and restores race', async () => {
    await savedEntry(server.app.store, 4, { title: 'Raced' });
    const actions = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'restore' : 'archive'));
    const results = await Promise.all(
      actions.map((action) =>
        server.request('POST', `/api/library/pub_lib4/${action}`, { token: t.manager }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(actions.map(() => 200));
    // Each recorded change happened, in turn: archive and restore alternate, and the last one
    // recorded is the state the entry is in.
    const recorded = (await auditOf('pub_lib4')).map((e) => e.action).reverse();
    expect(recorded[0]).toBe('library.archived');
    recorded.forEach((action, i) =>
      expect(action).toBe(i % 2 ? 'library.restored' : 'library.archived'),
    );
    const entry = await server.request('GET', '/api/library/pub_lib4', { token: t.manager });
    expect(entry.body.archivedAt !== null).toBe(recorded.at(-1) === 'library.archived');
    const stored = await server.app.store.publications.get('pub_lib4');
    expect(stored.revision).toBe(recorded.length);
  });

  it('is for run viewers, and for library entries only', async () => {
    const { store } = server.app;
    await savedEntry(store, 5, { title: 'Kept' });
    await savedEntry(store, 6, { title: 'A webhook' }, { channel: 'webhook' });
    await savedEntry(store, 7, { title: 'Never saved' }, { status: 'dead' });
    for (const action of ['archive', 'restore']) {
      const path = `/api/library/pub_lib5/${action}`;
      expect((await server.request('POST', path, { token: t.reviewer })).status).toBe(403);
      expect((await server.request('POST', path)).status).toBe(401);
      for (const id of ['pub_missing', 'pub_lib6', 'pub_lib7']) {
        const res = await server.request('POST', `/api/library/${id}/${action}`, {
          token: t.manager,
        });
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`Library entry ${id} was not found`);
      }
      const bad = await server.request('POST', `/api/library/bad%20id/${action}`, {
        token: t.manager,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues[0].path).toEqual(['id']);
    }
    expect(
      (await server.request('GET', '/api/library?archived=true', { token: t.reviewer })).status,
    ).toBe(403);
    expect((await store.publications.get('pub_lib5')).revision).toBe(0);
  });
});

describe('library archive, racing another writer', () => {
  it('reads again and applies its change when another write got in first', async () => {
    const store = createMemoryStore();
    await savedEntry(store, 1, { title: 'Contested' });
    const recorded: string[] = [];
    const pushed: (string | undefined)[] = [];
    // Between the archive's read and its write, a restore-and-archive elsewhere moves the
    // revision on twice and leaves the entry in the list: the archive's write must not win
    // on a stale revision, and must not be lost either.
    const update = store.publications.update.bind(store.publications);
    let interfered = false;
    store.publications.update = async (publication) => {
      if (!interfered) {
        interfered = true;
        const now = await store.publications.get(publication.id);
        const other = await update({ ...now, attempts: [] });
        await update({ ...other, error: null });
      }
      return update(publication);
    };
    const archive = createLibraryArchive({
      store,
      clock: { now: () => new Date('2026-02-01T00:00:00.000Z') },
      audit: { record: async (entry) => (recorded.push(entry.action), {}) as never },
      onPublication: (p) => pushed.push(p.archivedAt),
    });
    const user = { id: 'usr_m' } as never;
    const saved = await archive.setArchived('pub_lib1', true, user);
    expect(saved).toMatchObject({ archivedAt: '2026-02-01T00:00:00.000Z', revision: 3 });
    expect(recorded).toEqual(['library.archived']);
    expect(pushed).toEqual(['2026-02-01T00:00:00.000Z']);
    // Already archived: nothing written, recorded or pushed.
    await archive.setArchived('pub_lib1', true, user);
    expect((await store.publications.get('pub_lib1')).revision).toBe(3);
    expect(recorded).toHaveLength(1);
  });
});
