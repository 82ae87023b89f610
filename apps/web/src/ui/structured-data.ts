import type { Flag } from '@tandem/schema';
import { humanize, shorten } from './format.js';

/*
 * Structured content (an AI step's JSON fields, such as a budget table) read as a person reads
 * it: objects as labelled fields, lists of objects as tables, numbers in the reader's locale.
 * The reviewer edits values in place; the result goes back as the same pretty-printed JSON the
 * server keeps (`JSON.stringify(data, null, 2)`), so its validation and word diff see only the
 * values that changed.
 */

export type JsonScalar = string | number | boolean | null;
export type Json = JsonScalar | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
/** Where a value sits: object keys and array indexes from the top. */
export type JsonPath = readonly (string | number)[];

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isScalar(value: unknown): value is JsonScalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** The JSON in `text` when it is an object or a list (what a table view shows), else undefined. */
export function parseStructured(text: string): JsonObject | Json[] | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as JsonObject | Json[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The content as the server keeps an edit of structured content. */
export function serializeStructured(value: Json): string {
  return JSON.stringify(value, null, 2);
}

/** A list shown as a table: every item an object (an empty list is not a table). */
export function isTable(value: unknown): value is JsonObject[] {
  return Array.isArray(value) && value.length > 0 && value.every(isJsonObject);
}

export interface TableColumn {
  key: string;
  label: string;
  /** Right-aligned and edited as a number when every filled cell holds one. */
  numeric: boolean;
}

/** Column labels the designer declared (by key); a key without one reads as words. */
export type FieldLabels = Readonly<Record<string, string>>;

export function labelOf(key: string, labels?: FieldLabels): string {
  return labels?.[key]?.trim() || humanize(key);
}

/** The table's columns: every key of any row, in the order they first appear. */
export function tableColumns(rows: readonly JsonObject[], labels?: FieldLabels): TableColumn[] {
  const keys: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return keys.map((key) => {
    const filled = rows.map((r) => r[key]).filter((v) => v !== undefined && v !== null);
    return {
      key,
      label: labelOf(key, labels),
      numeric: filled.length > 0 && filled.every((v) => typeof v === 'number'),
    };
  });
}

/** A number as the reader's locale writes it ("12,500.5", "12.500,5"); `locale` for tests. */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

/** A scalar as words; nested values are the view's to lay out. */
export function formatScalar(value: JsonScalar, locale?: string): string {
  if (value === null) return '—';
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return value;
}

/**
 * Whether the in-place editor can edit every value: an object or a list of scalars, lists of
 * scalars and tables of scalars, one level of objects inside. Anything deeper is edited as JSON.
 */
export function isInPlaceEditable(value: unknown): boolean {
  const flatRow = (v: unknown) => isJsonObject(v) && Object.values(v).every(isScalar);
  const field = (v: unknown): boolean =>
    isScalar(v) ||
    (Array.isArray(v) && (v.every(isScalar) || v.every(flatRow))) ||
    (isJsonObject(v) && Object.values(v).every(isScalar));
  if (isJsonObject(value)) return Object.values(value).every(field);
  if (Array.isArray(value)) return value.every(isScalar) || value.every(flatRow);
  return false;
}

/** A copy of `root` with the value at `path` replaced; the rest of the structure is shared. */
export function setAt(root: Json, path: JsonPath, next: Json): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === 'number' && head < root.length) {
    const copy = [...root];
    copy[head] = setAt(root[head]!, rest, next);
    return copy;
  }
  if (isJsonObject(root) && typeof head === 'string' && head in root) {
    return { ...root, [head]: setAt(root[head]!, rest, next) };
  }
  throw new Error(`No value at ${path.join('.')}`);
}

/** The value at `path`, or undefined when the structure has none there. */
export function getAt(root: Json | undefined, path: JsonPath): Json | undefined {
  let at: Json | undefined = root;
  for (const step of path) {
    if (Array.isArray(at) && typeof step === 'number') at = at[step];
    else if (isJsonObject(at) && typeof step === 'string') at = at[step];
    else return undefined;
  }
  return at;
}

/**
 * What a typed cell holds: a number cell takes the number (the reader's decimal comma too);
 * text as typed. Null when a number cell holds no number, so the edit is refused, not zeroed.
 */
export function readCellInput(raw: string, numeric: boolean): Json | null {
  if (!numeric) return raw;
  const trimmed = raw.trim().replace(/\s/g, '');
  if (!trimmed) return null;
  const normal = /^-?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/**
 * The rows a check's flags are about. A budget guard's flag names its line in `match` (the
 * line's name); it is located on the row whose text cell holds exactly that name. Flags that
 * name no row (the total's cap) are not placed: the flag list above the content shows them.
 */
export function flagsByRow(
  rows: readonly JsonObject[],
  flags: readonly Flag[],
): Map<number, { flags: Flag[]; keys: string[] }> {
  const out = new Map<number, { flags: Flag[]; keys: string[] }>();
  for (const flag of flags) {
    const needle = flag.match?.trim().toLowerCase();
    if (!needle) continue;
    rows.forEach((row, i) => {
      const keys = Object.keys(row).filter(
        (k) => typeof row[k] === 'string' && (row[k] as string).trim().toLowerCase() === needle,
      );
      if (keys.length === 0) return;
      const entry = out.get(i) ?? { flags: [], keys: [] };
      entry.flags.push(flag);
      for (const k of keys) if (!entry.keys.includes(k)) entry.keys.push(k);
      out.set(i, entry);
    });
  }
  return out;
}

const SUMMARY_NAMES = 3;

/** A row's name: its first text cell. */
function rowName(row: JsonObject): string | undefined {
  const text = Object.values(row).find((v): v is string => typeof v === 'string' && !!v.trim());
  return text?.trim();
}

function listSummary(rows: readonly JsonObject[]): string {
  const count = `${rows.length} item${rows.length === 1 ? '' : 's'}`;
  const names = rows.map(rowName).filter((n): n is string => !!n);
  if (names.length === 0) return count;
  const shown = names.slice(0, SUMMARY_NAMES).join(', ');
  return `${count}: ${shown}${names.length > SUMMARY_NAMES ? ', …' : ''}`;
}

/**
 * One line that tells structured tasks apart in a list: "5 items: Search ads, Social, …" for
 * the first table, else the first text field, else the fields' names.
 */
export function structuredSummary(value: unknown, max = 90): string {
  if (isTable(value)) return shorten(listSummary(value), max);
  if (Array.isArray(value)) {
    const texts = value.filter((v): v is string | number =>
      ['string', 'number'].includes(typeof v),
    );
    return shorten(
      `${value.length} item${value.length === 1 ? '' : 's'}: ${texts.join(', ')}`,
      max,
    );
  }
  if (!isJsonObject(value)) return '';
  const entries = Object.entries(value);
  const table = entries.find(([, v]) => isTable(v));
  if (table) return shorten(listSummary(table[1] as JsonObject[]), max);
  const text = entries.find(([, v]) => typeof v === 'string' && v.trim());
  if (text) return shorten((text[1] as string).trim().split('\n')[0]!.trim(), max);
  return shorten(entries.map(([k]) => humanize(k)).join(', '), max);
}

/** Every table in structured content: the content itself, or its fields that are tables. */
function tablesOf(value: unknown): JsonObject[][] {
  if (isTable(value)) return [value];
  if (!isJsonObject(value)) return [];
  return Object.values(value).filter(isTable);
}

/**
 * Where the view marks a flag in structured content ("marked on its row in the table below"),
 * or null when it names no row: the flag list's counterpart of the text's "marked in the text".
 */
export function flagPlaceInData(flag: Flag, value: unknown): string | null {
  const rows = tablesOf(value).reduce((n, table) => n + flagsByRow(table, [flag]).size, 0);
  if (rows === 0) return null;
  return rows === 1
    ? 'marked on its row in the table below'
    : `marked on ${rows} rows in the table below`;
}
