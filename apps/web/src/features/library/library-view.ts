import type { LibraryEntry } from '@tandem/schema';

export interface LibraryFilter {
  /** Words to find in the title or the content, any case. */
  query: string;
  /** A collection's name; '' for every entry. */
  collection: string;
}

/** The collections the entries use, by name, for the filter; entries without one left out. */
export function collectionsOf(entries: readonly LibraryEntry[]): string[] {
  return [...new Set(entries.map((e) => e.collection).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b),
  );
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** The words of an entry: HTML's tags dropped (block ends part words) and entities read. */
export function plainTextOf(entry: Pick<LibraryEntry, 'text' | 'format'>): string {
  if (entry.format !== 'html') return entry.text;
  return entry.text
    .replace(/<\/(p|h[1-6]|li|div|blockquote|tr)>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Entries matching every word of the query (title or text) and the collection. */
export function filterEntries(
  entries: readonly LibraryEntry[],
  filter: LibraryFilter,
): LibraryEntry[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    if (filter.collection && entry.collection !== filter.collection) return false;
    const haystack = `${entry.title}\n${plainTextOf(entry)}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** `entry` added to the newest-first list, or put in place of its older copy. */
export function withEntry(entries: readonly LibraryEntry[], entry: LibraryEntry): LibraryEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return [entry, ...rest].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

const EXTENSIONS: Record<LibraryEntry['format'], string> = {
  text: 'md',
  html: 'html',
  json: 'json',
};

/** A file name for the entry: its title in lower-case words, with the format's extension. */
export function downloadName(entry: Pick<LibraryEntry, 'title' | 'format'>): string {
  const slug =
    entry.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'content';
  return `${slug}.${EXTENSIONS[entry.format]}`;
}

/** The preview's type, close to the app's, instead of the browser's default serif. */
const PREVIEW_STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;color:#161a2b;max-width:72ch;margin:16px 20px;overflow-wrap:anywhere}img{max-width:100%}';

/**
 * A whole HTML document around saved HTML, so the downloaded file opens as a page; `styled`
 * for the preview only (a file for a CMS carries no styles of ours).
 */
export function htmlDocument(entry: Pick<LibraryEntry, 'title' | 'text'>, styled = false): string {
  const title = entry.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const style = styled ? `<style>${PREVIEW_STYLE}</style>\n` : '';
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n${style}</head>\n<body>\n${entry.text}\n</body>\n</html>\n`;
}

/** A short excerpt of the content for the list: words only, after the title line. */
export function excerptOf(entry: Pick<LibraryEntry, 'text' | 'format' | 'title'>, chars = 140) {
  const plain = plainTextOf(entry)
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // The title is often the content's first line: the excerpt starts after it.
  const body = plain.startsWith(entry.title) ? plain.slice(entry.title.length).trim() : plain;
  return body.length > chars ? `${body.slice(0, chars - 1).trimEnd()}…` : body;
}
