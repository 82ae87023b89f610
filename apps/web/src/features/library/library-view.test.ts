import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from '@tandem/schema';
import {
  collectionsOf,
  downloadName,
  excerptOf,
  filterEntries,
  htmlDocument,
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

  it('wraps saved HTML in a document with an escaped title', () => {
    const doc = htmlDocument({ title: '<b>Hi</b> & bye', text: '<p>Body</p>' });
    expect(doc).toContain('<title>&lt;b&gt;Hi&lt;/b&gt; &amp; bye</title>');
    expect(doc).toContain('<p>Body</p>');
    expect(doc).not.toContain('<style>');
    expect(htmlDocument({ title: 'T', text: '' }, true)).toContain('<style>');
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
});
