/**
 * What a publish step of a test run would have sent: its output carries `test: true` and
 * `wouldSend: { target, request }` (the rendered request, secrets removed, as a real
 * publication's `request`). Read here into something a person can check: the short fields as a
 * list, the long ones (a body, an email's HTML) as text, JSON pretty-printed. HTML is shown as
 * its source, never rendered: the page must not run or display markup the AI wrote.
 */

/** A test run's publish step as its status says it, on the canvas and in the run's timeline. */
export const NOT_SENT_TEST_LABEL = 'Not sent (test)';

export interface WouldSend {
  target: string;
  request: Record<string, unknown>;
}

/** The `wouldSend` of a test run's publish step output, or null for anything else. */
export function wouldSendOf(output: unknown): WouldSend | null {
  if (typeof output !== 'object' || output === null) return null;
  const { test, wouldSend } = output as { test?: unknown; wouldSend?: unknown };
  if (test !== true || typeof wouldSend !== 'object' || wouldSend === null) return null;
  const { target, request } = wouldSend as { target?: unknown; request?: unknown };
  return {
    target: typeof target === 'string' ? target : '',
    request:
      typeof request === 'object' && request !== null && !Array.isArray(request)
        ? (request as Record<string, unknown>)
        : {},
  };
}

export interface RequestField {
  label: string;
  value: string;
}

export interface RequestPart {
  label: string;
  /** `json` is pretty-printed JSON; `html` and `text` are shown as they are, as text. */
  kind: 'json' | 'html' | 'text';
  text: string;
}

/** Field names in the request, in people's words. */
const LABELS: Record<string, string> = {
  method: 'Method',
  url: 'Address',
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  subject: 'Subject',
  title: 'Title',
  collection: 'Collection',
  format: 'Format',
  reviewed: 'Reviewed',
  headers: 'Headers',
  body: 'Body',
  html: 'HTML',
  text: 'Text',
  content: 'Content',
};

/** What is sent itself, shown as a block however short: the rest describes where it goes. */
const BLOCKS = new Set(['body', 'html', 'text', 'content', 'headers']);

/** Past this many characters (or with a line break) a string reads as a block, not a field. */
const SHORT = 120;

function labelOf(key: string): string {
  return LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

const looksLikeHtml = (text: string) => /<\/?[a-z][\s\S]*>/i.test(text);

/** A string that is JSON (a webhook or Slack body) comes out pretty-printed. */
function asJson(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

function partOf(label: string, value: unknown): RequestPart {
  if (typeof value !== 'string')
    return { label, kind: 'json', text: JSON.stringify(value, null, 2) };
  const json = asJson(value);
  if (json !== null) return { label, kind: 'json', text: json };
  return { label, kind: looksLikeHtml(value) ? 'html' : 'text', text: value };
}

function fieldText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join(', ');
  return null;
}

/**
 * The request split for display: short values (method, address, recipients, subject) as a list
 * of fields, in the request's order; what is sent (bodies, HTML, text) and anything long or
 * structured as blocks.
 * Empty values (no cc, `html: null`) are left out.
 */
export function requestPreview(request: Record<string, unknown>): {
  fields: RequestField[];
  parts: RequestPart[];
} {
  const fields: RequestField[] = [];
  const parts: RequestPart[] = [];
  for (const [key, value] of Object.entries(request)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      continue;
    const text = fieldText(value);
    if (
      !BLOCKS.has(key) &&
      text !== null &&
      text.length <= SHORT &&
      !text.includes('\n') &&
      !asJson(text)
    ) {
      fields.push({ label: labelOf(key), value: text });
    } else {
      parts.push(partOf(labelOf(key), value));
    }
  }
  return { fields, parts };
}
