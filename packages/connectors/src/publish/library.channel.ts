import { LIMITS } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';
import type { ChannelHandler } from './channel.js';
import { htmlToText, sanitize } from './content-format.js';
import { LibraryPublishConfigSchema } from './publish-config.schema.js';
import { parseOrThrow } from './connection.js';

/*
 * The content library is Tandem's own destination: the publication record is the library
 * entry, so "sending" is writing down what is kept. Nothing leaves the machine, and the engine
 * stores the record under the step's idempotency key like any other delivery, so a step run
 * twice keeps one entry. The text is kept exactly as approved; only an HTML document is
 * sanitized, once, because the library shows it in a browser.
 */

const TITLE_CHARS = 200;
/** Field names an AI step's JSON output gives its title under, in order of preference. */
const TITLE_FIELDS = ['title', 'headline', 'subject', 'name'];

/**
 * Whether approved text is an HTML document rather than text that mentions a tag: it starts
 * with a block element. Markdown's `<https://…>` links or "x<y and y>z" are text, and must
 * come out as they went in.
 */
export function isHtmlDocument(text: string): boolean {
  return /^\s*<(!doctype|html|body|p|h[1-6]|div|section|article|header|ul|ol|table|blockquote|figure|pre)\b/i.test(
    text,
  );
}

/** The first non-empty line, without Markdown heading marks or tags, as the entry's title. */
export function titleFromContent(text: string, html = false): string {
  const plain = html ? htmlToText(text) : text;
  const line = plain
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*#{1,6}\s+/, '')
        .replace(/^\*\*(.*)\*\*$/, '$1')
        .trim(),
    )
    .find((l) => l.length > 0);
  return (line ?? 'Untitled').slice(0, TITLE_CHARS);
}

function titleFromData(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const field = TITLE_FIELDS.find((f) => typeof record[f] === 'string' && record[f].trim());
  return field ? (record[field] as string).trim() : undefined;
}

/** What the library keeps of a request: title, collection, format and the approved content. */
export function libraryEntry(request: PublishRequest, collection: string, reviewed: boolean) {
  const { text, data, title } = request.content;
  // Structured output (an AI step's JSON) is kept as the JSON it was approved as.
  const json = data !== undefined && data !== null && typeof data === 'object';
  const html = !json && isHtmlDocument(text);
  const named = title?.trim() || (json ? titleFromData(data) : undefined);
  return {
    title: (named || (json ? 'Untitled' : titleFromContent(text, html))).slice(0, TITLE_CHARS),
    collection,
    format: json ? 'json' : html ? 'html' : 'text',
    reviewed,
    text: (html ? sanitize(text) : text).slice(0, LIMITS.longText),
  };
}

export const publishLibrary: ChannelHandler = async (request: PublishRequest) => {
  const config = parseOrThrow(LibraryPublishConfigSchema, request.config, 'Library settings', []);
  return {
    status: null,
    target: config.collection ? `Content library · ${config.collection}` : 'Content library',
    request: libraryEntry(request, config.collection, config.reviewed),
    durationMs: 0,
  };
};
