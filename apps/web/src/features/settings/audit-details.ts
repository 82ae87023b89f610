import { humanize, shorten } from '../../ui/format.js';

/** One line of an audit event's details: "Label: value", with the whole value when cut. */
export interface AuditDetail {
  label: string;
  value: string;
  /** The value in full, for a hover title, when `value` is cut or summarised. */
  full?: string;
}

const MAX = 60;
const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', ip: 'IP', url: 'URL' };
/** Ids are what an admin copies into the Subject filter or a support ticket: never cut. */
const ID_KEY = /(^ids?|Ids?|_ids?)$/;

/** "runId" -> "Run ID", "allowed_link_domains" -> "Allowed link domains". */
export function keyToWords(key: string): string {
  const words = humanize(key.replace(/\./g, ' '))
    .split(/\s+/)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w);
  return words.join(' ');
}

const isPlain = (v: unknown) => v === null || typeof v !== 'object';

function plain(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** A nested value in a few words: lists of plain values written out, anything deeper counted. */
function summarise(v: unknown): string {
  if (isPlain(v)) return plain(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none';
    return v.every(isPlain) ? v.map(plain).join(', ') : count(v.length, 'item');
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return 'none';
  return entries.every(([, x]) => isPlain(x))
    ? entries.map(([k, x]) => `${keyToWords(k)} ${plain(x)}`).join(', ')
    : count(entries.length, 'field');
}

/** An audit event's details as short "Label: value" lines, in the order they were recorded. */
export function auditDetails(details: Record<string, unknown>): AuditDetail[] {
  return Object.entries(details).map(([key, raw]) => {
    const text = summarise(raw);
    const value = ID_KEY.test(key) ? text : shorten(text, MAX);
    // A count says nothing of what was counted: the hover shows the recorded value.
    const written = isPlain(raw) || (Array.isArray(raw) && raw.every(isPlain));
    const whole = written ? text : JSON.stringify(raw);
    return { label: keyToWords(key), value, ...(whole !== value && { full: whole }) };
  });
}
