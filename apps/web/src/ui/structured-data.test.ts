import { describe, expect, it } from 'vitest';
import type { Flag } from '@tandem/schema';
import {
  flagPlaceInData,
  flagsByRow,
  formatNumber,
  getAt,
  isInPlaceEditable,
  parseStructured,
  readCellInput,
  serializeStructured,
  setAt,
  structuredSummary,
  tableColumns,
  type Json,
  type JsonObject,
} from './structured-data.js';

const budget = {
  changes: [
    { channel: 'Search ads', current: 4000, proposed: 4400, rationale: 'Cheapest lead.' },
    { channel: 'Social', current: 3000, proposed: 2600, rationale: 'Dearest lead.' },
    { channel: 'Email', current: 500, proposed: 500, rationale: 'Unchanged.' },
    { channel: 'Display', current: 1000, proposed: 1000, rationale: 'Unchanged.' },
    { channel: 'Video', current: 1500, proposed: 1500, rationale: 'Unchanged.' },
  ],
  summary: 'Moves 400 from Social to Search ads.\nThe total stays at 10000.',
};

describe('parseStructured', () => {
  it('reads objects and lists, not scalars or broken JSON', () => {
    expect(parseStructured('{"a":1}')).toEqual({ a: 1 });
    expect(parseStructured('[1,2]')).toEqual([1, 2]);
    expect(parseStructured('42')).toBeUndefined();
    expect(parseStructured('null')).toBeUndefined();
    expect(parseStructured('{"a":')).toBeUndefined();
  });
});

describe('tableColumns', () => {
  it('takes every key in first-seen order, numeric where all filled cells are numbers', () => {
    const rows: JsonObject[] = [
      { channel: 'A', current: 1 },
      { channel: 'B', current: null, note: 'x' },
    ];
    expect(tableColumns(rows)).toEqual([
      { key: 'channel', label: 'Channel', numeric: false },
      { key: 'current', label: 'Current', numeric: true },
      { key: 'note', label: 'Note', numeric: false },
    ]);
  });

  it('prefers a declared label over the humanized key', () => {
    const [col] = tableColumns([{ costPerLead: 3 }], { costPerLead: 'Cost per lead (€)' });
    expect(col!.label).toBe('Cost per lead (€)');
    expect(tableColumns([{ costPerLead: 3 }])[0]!.label).toBe('Cost per lead');
  });
});

describe('formatNumber', () => {
  it('writes numbers in the given locale', () => {
    expect(formatNumber(12500.5, 'en-US')).toBe('12,500.5');
    expect(formatNumber(12500.5, 'de-DE')).toBe('12.500,5');
  });
});

describe('isInPlaceEditable', () => {
  it('takes objects of scalars, lists and flat tables', () => {
    expect(isInPlaceEditable(budget)).toBe(true);
    expect(isInPlaceEditable(budget.changes)).toBe(true);
    expect(isInPlaceEditable({ tags: ['a', 'b'], n: 1, ok: true, totals: { a: 1 } })).toBe(true);
  });

  it('leaves deeper shapes to the JSON editor', () => {
    expect(isInPlaceEditable({ rows: [{ cells: [1, 2] }] })).toBe(false);
    expect(isInPlaceEditable({ a: { b: { c: 1 } } })).toBe(false);
    expect(isInPlaceEditable([[1, 2]])).toBe(false);
    expect(isInPlaceEditable('text')).toBe(false);
  });
});

describe('setAt and serializeStructured', () => {
  it('replaces one value and serializes as the server keeps edits', () => {
    const next = setAt(budget, ['changes', 1, 'proposed'], 2800);
    expect(getAt(next, ['changes', 1, 'proposed'])).toBe(2800);
    // The original is untouched; untouched rows are shared.
    expect(budget.changes[1]!.proposed).toBe(2600);
    expect((next as typeof budget).changes[0]).toBe(budget.changes[0]);
    const text = serializeStructured(next);
    expect(JSON.parse(text)).toEqual({
      ...budget,
      changes: budget.changes.map((c, i) => (i === 1 ? { ...c, proposed: 2800 } : c)),
    });
    // The same layout as the draft: a word diff shows only the changed number.
    const before = serializeStructured(budget as Json).split('\n');
    const after = text.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual(['      "proposed": 2800,']);
  });

  it('refuses a path the structure does not have (keys stay fixed)', () => {
    expect(() => setAt(budget, ['changes', 9, 'proposed'], 1)).toThrow(/No value/);
    expect(() => setAt(budget, ['extra'], 1)).toThrow(/No value/);
  });
});

describe('readCellInput', () => {
  it('reads numbers, a decimal comma too, and refuses what is no number', () => {
    expect(readCellInput('2800', true)).toBe(2800);
    expect(readCellInput(' -12.5 ', true)).toBe(-12.5);
    expect(readCellInput('12,5', true)).toBe(12.5);
    expect(readCellInput('', true)).toBeNull();
    expect(readCellInput('12a', true)).toBeNull();
    expect(readCellInput('Social', false)).toBe('Social');
  });
});

describe('flagsByRow', () => {
  const flag = (match: string | undefined, rule = 'item_change_cap'): Flag => ({
    rule,
    severity: 'error',
    message: `${match ?? 'total'} flagged`,
    ...(match ? { match } : {}),
  });

  it('places a line flag on the row whose name it matches, and leaves the total out', () => {
    const flags = [
      flag('Social'),
      flag('social', 'item_floor'),
      flag(undefined, 'total_change_cap'),
    ];
    const rows = flagsByRow(budget.changes, flags);
    expect([...rows.keys()]).toEqual([1]);
    expect(rows.get(1)).toEqual({ flags: [flags[0], flags[1]], keys: ['channel'] });
  });

  it('does not place a flag on a row that only contains its text', () => {
    expect(flagsByRow([{ channel: 'Social ads' }], [flag('Social')]).size).toBe(0);
  });
});

describe('structuredSummary', () => {
  it('names the items of the first table', () => {
    expect(structuredSummary(budget)).toBe('5 items: Search ads, Social, Email, …');
    expect(structuredSummary({ rows: [{ name: 'Only' }] })).toBe('1 item: Only');
    expect(structuredSummary(budget.changes.slice(0, 2))).toBe('2 items: Search ads, Social');
  });

  it('falls back to the first text field, then the field names', () => {
    expect(structuredSummary({ count: 3, headline: '\nBig news\nmore' })).toBe('Big news');
    expect(structuredSummary({ count: 3, ratio: 0.5 })).toBe('Count, Ratio');
    expect(structuredSummary(['a', 'b'])).toBe('2 items: a, b');
  });

  it('stays one short line', () => {
    const long = { text: 'word '.repeat(40) };
    expect(structuredSummary(long).length).toBeLessThanOrEqual(90);
  });
});

describe('flagPlaceInData', () => {
  const flag = (match?: string): Flag => ({
    rule: 'item_change_cap',
    severity: 'error',
    message: 'flagged',
    ...(match ? { match } : {}),
  });

  it('says the flag is marked on its row, or nothing for a flag that names no row', () => {
    expect(flagPlaceInData(flag('Social'), budget)).toBe('marked on its row in the table below');
    expect(flagPlaceInData(flag('Social'), [...budget.changes, budget.changes[1]!])).toBe(
      'marked on 2 rows in the table below',
    );
    expect(flagPlaceInData(flag(), budget)).toBeNull();
    expect(flagPlaceInData(flag('Radio'), budget)).toBeNull();
  });
});
