import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { savedEntry } from './library-fixtures.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await server.tokens()).manager;
  const { store } = server.app;
  // 700 entries, newest last: every 10th in "Newsletters", every 7th mentions "tulips", and the
  // oldest alone holds "needle", further back than one request reads.
  for (let n = 0; n < 700; n += 1) {
    await savedEntry(store, n, {
      title: n === 0 ? 'The needle' : `Post ${n}`,
      text: n % 7 === 0 ? `About tulips, number ${n}.` : `Plain post ${n}.`,
      collection: n % 10 === 0 ? 'Newsletters' : 'Blog posts',
    });
  }
  await savedEntry(store, 700, {
    title: 'Menu',
    format: 'html',
    text: '<p><strong>Fish</strong> &amp; chips</p>',
  });
}, 120_000);
afterAll(async () => {
  await server.close();
});

type Entry = { id: string; title: string; collection: string };

/** Every page of `query`, following the cursor; the pages as they came. */
async function allPages(query: string) {
  const pages: Entry[][] = [];
  let cursor: string | undefined;
  do {
    const sep = query ? '&' : '';
    const res = await server.request(
      'GET',
      `/api/library?${query}${sep}${cursor ? `cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(res.status).toBe(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
    if (pages.length > 200) throw new Error('paging does not end');
  } while (cursor);
  return pages;
}

const ids = (entries: Entry[]) => entries.map((e) => e.id);
const idsOf = (numbers: number[]) => numbers.map((n) => `pub_lib${n}`);
const newestFirst = (keep: (n: number) => boolean) =>
  Array.from({ length: 700 }, (_, i) => 699 - i).filter(keep);

describe('content library search', () => {
  it('searches every entry on the server, not only the first page', async () => {
    const first = await server.request('GET', '/api/library?limit=50', { token });
    expect(ids(first.body.items)).not.toContain('pub_lib0');
    // One request reads a bounded number of entries; the cursor goes on to the oldest.
    const pages = await allPages('q=NEEDLE&limit=50');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toEqual([]);
    expect(ids(pages.flat())).toEqual(['pub_lib0']);
  });

  it('pages through matches with nothing skipped or repeated', async () => {
    const pages = await allPages('q=tulips&limit=7');
    expect(ids(pages.flat())).toEqual(idsOf(newestFirst((n) => n % 7 === 0)));
    expect(pages.every((page) => page.length <= 7)).toBe(true);

    const letters = await allPages('collection=Newsletters&limit=9');
    expect(ids(letters.flat())).toEqual(idsOf(newestFirst((n) => n % 10 === 0)));

    const both = await allPages('collection=Newsletters&q=tulips%20about&limit=3');
    expect(ids(both.flat())).toEqual(idsOf(newestFirst((n) => n % 70 === 0)));

    const everything = await allPages('limit=100');
    expect(everything.flat()).toHaveLength(701);
  });

  it('searches the words of HTML, not its markup', async () => {
    const hit = await allPages(`q=${encodeURIComponent('fish & chips')}`);
    expect(ids(hit.flat())).toEqual(['pub_lib700']);
    expect((await allPages('q=strong')).flat()).toEqual([]);
  });

  it('still hides a round a later round replaced', async () => {
    const { store } = server.app;
    const round0 = await savedEntry(store, 800, { title: 'Rounds', text: 'saffron first' });
    await savedEntry(
      store,
      801,
      { title: 'Rounds', text: 'saffron second' },
      { id: 'pub_round1', key: `${round0.key}:1`, nodeId: round0.nodeId },
    );
    const found = (await allPages('q=saffron')).flat();
    expect(ids(found)).toEqual(['pub_round1']);
  });

  it('names every collection for the menu, however far back its entries are', async () => {
    // Entry 0 ("Newsletters") is older than any first page; the HTML entry has none.
    await savedEntry(
      server.app.store,
      701,
      { title: 'Old press', collection: 'Press releases' },
      {
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
    );
    const res = await server.request('GET', '/api/library/collections', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: ['Blog posts', 'Newsletters', 'Press releases'] });
    const { reviewer } = await server.tokens();
    const refused = await server.request('GET', '/api/library/collections', { token: reviewer });
    expect(refused.status).toBe(403);
    expect((await server.request('GET', '/api/library/collections')).status).toBe(401);
  });

  it('refuses a query it cannot take, naming the field', async () => {
    const long = await server.request('GET', `/api/library?q=${'a'.repeat(201)}`, { token });
    expect(long.status).toBe(400);
    expect(long.body.error.details.issues[0].path).toEqual(['q']);
    const archived = await server.request('GET', '/api/library?archived=yes', { token });
    expect(archived.status).toBe(400);
    expect(archived.body.error.details.issues[0].path).toEqual(['archived']);
  });
});
