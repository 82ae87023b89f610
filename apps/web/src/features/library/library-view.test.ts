import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from '@tandem/schema';
import {
  collectionsOf,
  downloadName,
  archivedMessage,
  excerptOf,
  filterEntries,
  firstMatches,
  hasRemoteImages,
  isFiltered,
  paramsOfView,
  placeEntry,
  viewOfParams,
  mergeCollections,
  withCollections,
  withEntry,
} from './library-view.js';

function entry(id: string, over: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id,
    title: `Entry ${id}`,
    collection: '',
    format: 'text',
    reviewed: true,
    text: `Text of ${id}`,
    flowId: 'flw_1',
    flowName: 'Blog',
    runId: `run_${id}`,
    savedAt: '2026-11-27T10:00:00.000Z',
    archivedAt: null,
    ...over,
  };
}

describe('content library view', () => {
  it('filters by every word of the query, in title or text, and by collection', () => {
    const items = [
      entry('a', { title: 'Spring launch', collection: 'Blog posts' }),
      entry('b', { text: 'The spring sale starts Monday', collection: 'Newsletters' }),
      entry('c', { title: 'Winter' }),
    ];
    const ids = (list: LibraryEntry[]) => list.map((e) => e.id);
    expect(ids(filterEntries(items, { query: 'SPRING', collection: '' }))).toEqual(['a', 'b']);
    expect(ids(filterEntries(items, { query: 'spring monday', collection: '' }))).toEqual(['b']);
    expect(ids(filterEntries(items, { query: '', collection: 'Blog posts' }))).toEqual(['a']);
    expect(ids(filterEntries(items, { query: '  ', collection: '' }))).toEqual(['a', 'b', 'c']);
    expect(collectionsOf(items)).toEqual(['Blog posts', 'Newsletters']);
  });

  it('adds a pushed entry once, newest first', () => {
    const older = entry('a', { savedAt: '2026-11-27T09:00:00.000Z' });
    const newer = entry('b', { savedAt: '2026-11-27T11:00:00.000Z' });
    expect(withEntry([older], newer).map((e) => e.id)).toEqual(['b', 'a']);
    expect(withEntry([newer, older], { ...older, title: 'Again' })).toHaveLength(2);
  });

  it('searches the words of HTML, not its markup', () => {
    const html = entry('h', { format: 'html', text: '<p><strong>Fish</strong> &amp; chips</p>' });
    expect(filterEntries([html], { query: 'strong', collection: '' })).toEqual([]);
    expect(filterEntries([html], { query: 'fish & chips', collection: '' })).toEqual([html]);
  });

  it('names downloads after the title, by format', () => {
    expect(downloadName({ title: 'Весенние советы', format: 'json' })).toBe('весенние-советы.json');
    expect(downloadName({ title: 'Ten tips: café edition!', format: 'text' })).toBe(
      'ten-tips-cafe-edition.md',
    );
    expect(downloadName({ title: '???', format: 'html' })).toBe('content.html');
    expect(downloadName({ title: 'x'.repeat(100), format: 'text' })).toBe(`${'x'.repeat(60)}.md`);
  });

  it('finds images the preview would fetch from the web, and only those', () => {
    expect(hasRemoteImages('<p><img src="https://cdn.example.com/a.png" alt="A" /></p>')).toBe(
      true,
    );
    expect(hasRemoteImages("<IMG alt='x' SRC=' HTTPS://cdn.example.com/a.png'>")).toBe(true);
    expect(hasRemoteImages('<img src=//cdn.example.com/a.png>')).toBe(true);
    // Nothing to fetch from elsewhere: no bar offering to show it.
    expect(
      hasRemoteImages('<p>No pictures, only <a href="https://example.com">a link</a></p>'),
    ).toBe(false);
    expect(hasRemoteImages('<img src="data:image/png;base64,AAAA" /><img />')).toBe(false);
    expect(hasRemoteImages('<img alt="https://cdn.example.com/a.png" />')).toBe(false);
    expect(hasRemoteImages('<p>&lt;img src="https://cdn.example.com/a.png"&gt;</p>')).toBe(false);
    expect(hasRemoteImages('<img data-src="https://cdn.example.com/a.png">')).toBe(false);
  });

  it('excerpts the text after its title line, without tags', () => {
    expect(
      excerptOf({ title: 'Spring', format: 'text', text: 'Spring\n\nIt is here, at last.' }),
    ).toBe('It is here, at last.');
    expect(
      excerptOf({ title: 'T', format: 'html', text: '<p>One&nbsp;<b>two</b>.</p><p>3 &lt; 4</p>' }),
    ).toBe('One two. 3 < 4');
    expect(excerptOf({ title: 'Spring', format: 'text', text: '# Spring\n\nIt is here.' })).toBe(
      'It is here.',
    );
    expect(excerptOf({ title: 'T', format: 'text', text: 'word '.repeat(50) }, 20)).toBe(
      'word word word word…',
    );
  });

  it('summarizes a JSON entry instead of excerpting its brackets', () => {
    const data = { changes: [{ channel: 'Search', proposed: 2880 }], summary: 'Moves 50.' };
    expect(excerptOf({ title: 'T', format: 'json', text: JSON.stringify(data, null, 2) })).toBe(
      '1 item: Search',
    );
    // Not JSON after all: its text, as before.
    expect(excerptOf({ title: 'T', format: 'json', text: 'not json' })).toBe('not json');
  });

  it('keeps the view in the address, empty parts left out', () => {
    const view = { query: ' spring  sale ', collection: 'Blog posts', archived: true };
    const params = paramsOfView(view);
    expect(params.toString()).toBe('q=spring++sale&collection=Blog+posts&archived=1');
    expect(viewOfParams(params)).toEqual({ ...view, query: 'spring  sale' });
    expect(paramsOfView({ query: '  ', collection: '', archived: false }).toString()).toBe('');
    expect(viewOfParams(new URLSearchParams(''))).toEqual({
      query: '',
      collection: '',
      archived: false,
    });
    expect(isFiltered({ query: ' ', collection: '' })).toBe(false);
    expect(isFiltered({ query: '', collection: 'News' })).toBe(true);
  });

  it('moves a changed entry in or out of the list it is shown in', () => {
    const a = entry('a', { savedAt: '2026-11-27T09:00:00.000Z', title: 'Spring' });
    const b = entry('b', { savedAt: '2026-11-27T11:00:00.000Z', title: 'Winter' });
    const library = { query: '', collection: '', archived: false };
    const archive = { ...library, archived: true };
    const archivedA = { ...a, archivedAt: '2026-11-27T12:00:00.000Z' };
    const ids = (list: LibraryEntry[]) => list.map((e) => e.id);
    expect(ids(placeEntry([b, a], archivedA, library))).toEqual(['b']);
    expect(ids(placeEntry([], archivedA, archive))).toEqual(['a']);
    expect(ids(placeEntry([b], a, library))).toEqual(['b', 'a']);
    expect(ids(placeEntry([archivedA], a, archive))).toEqual([]);
    // A live entry that does not match the search stays out of the searched list.
    expect(ids(placeEntry([], a, { ...library, query: 'winter' }))).toEqual([]);
    expect(ids(placeEntry([], b, { ...library, query: 'winter' }))).toEqual(['b']);
  });

  it('reads on past empty pages, a few requests at most', async () => {
    const pages: Record<string, { items: string[]; nextCursor: string | null }> = {
      start: { items: [], nextCursor: 'c1' },
      c1: { items: [], nextCursor: 'c2' },
      c2: { items: ['found'], nextCursor: 'c3' },
    };
    const asked: (string | null)[] = [];
    const fetchPage = async (cursor: string | null) => {
      asked.push(cursor);
      return pages[cursor ?? 'start'] ?? { items: [], nextCursor: `${cursor}+` };
    };
    await expect(firstMatches(fetchPage, null)).resolves.toEqual(pages.c2);
    expect(asked).toEqual([null, 'c1', 'c2']);
    asked.length = 0;
    const last = await firstMatches(fetchPage, 'c3', 3);
    expect(asked).toEqual(['c3', 'c3+', 'c3++']);
    expect(last).toEqual({ items: [], nextCursor: 'c3+++' });
  });

  it('remembers collections seen, and says what an archive did', () => {
    expect(withCollections(['News'], [entry('a', { collection: 'Blog' })])).toEqual([
      'Blog',
      'News',
    ]);
    // The server's full list joins what was seen, each name once.
    expect(mergeCollections(['News', 'Blog'], ['Blog', 'Archive'])).toEqual([
      'Archive',
      'Blog',
      'News',
    ]);
    expect(archivedMessage({ title: 'T' }, true, false)).toBe('Archived “T”');
    expect(archivedMessage({ title: 'T' }, false, true)).toBe('“T” is back');
  });
});
