import { LIMITS } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';
import type { ChannelHandler } from './channel.js';
import { htmlToText, looksLikeHtml, sanitize } from './content-format.js';
import { LibraryPublishConfigSchema } from './publish-config.schema.js';
import { parseOrThrow } from './connection.js';

/*
 * The content library is Tandem's own destination: the publication record is the library
 * entry, so "sending" is writing down what is kept. Nothing leaves the machine, and the engine
 * stores the record under the step's idempotency key like any other delivery, so a step run
 * twice keeps one entry. HTML is sanitized here, once, because the library shows it in a browser.
 */

const TITLE_CHARS = 200;

/** The first non-empty line, without Markdown heading marks or tags, as the entry's title. */
export function titleFromContent(text: string): string {
  const plain = looksLikeHtml(text) ? htmlToText(text) : text;
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

/** What the library keeps of a request: its title, collection, and the content as approved. */
export function libraryEntry(request: PublishRequest, collection: string) {
  const { text, data, title } = request.content;
  const html = looksLikeHtml(text);
  return {
    title: (title?.trim() || titleFromContent(text)).slice(0, TITLE_CHARS),
    collection,
    format: html ? 'html' : 'text',
    text: (html ? sanitize(text) : text).slice(0, LIMITS.longText),
    ...(data !== undefined ? { data } : {}),
  };
}

export const publishLibrary: ChannelHandler = async (request) => {
  const config = parseOrThrow(LibraryPublishConfigSchema, request.config, 'Library settings', []);
  const entry = libraryEntry(request, config.collection);
  return {
    status: null,
    target: config.collection ? `Content library · ${config.collection}` : 'Content library',
    request: entry,
    durationMs: 0,
  };
};
