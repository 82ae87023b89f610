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

/** Entries matching every word of the query (title or text) and the collection. */
export function filterEntries(
  entries: readonly LibraryEntry[],
  filter: LibraryFilter,
): LibraryEntry[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    if (filter.collection && entry.collection !== filter.collection) return false;
    const haystack = `${entry.title}\n${entry.text}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** `entry` added to the newest-first list, or put in place of its older copy. */
export function withEntry(entries: readonly LibraryEntry[], entry: LibraryEntry): LibraryEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return [entry, ...rest].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** A file name for the entry: its title in lower-case words, with the format's extension. */
export function downloadName(entry: Pick<LibraryEntry, 'title' | 'format'>): string {
  const slug =
    entry.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'content';
  return `${slug}.${entry.format === 'html' ? 'html' : 'md'}`;
}

/** The preview's type, close to the app's, instead of the browser's default serif. */
const PREVIEW_STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;color:#161a2b;max-width:72ch;margin:16px 20px}img{max-width:100%}';

/**
 * A whole HTML document around saved HTML, so the downloaded file opens as a page; `styled`
 * for the preview only (a file for a CMS carries no styles of ours).
 */
export function htmlDocument(entry: Pick<LibraryEntry, 'title' | 'text'>, styled = false): string {
  const title = entry.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const style = styled ? `<style>${PREVIEW_STYLE}</style>\n` : '';
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n${style}</head>\n<body>\n${entry.text}\n</body>\n</html>\n`;
}

/** A short excerpt of the content for the list: tags dropped, spaces joined. */
export function excerptOf(entry: Pick<LibraryEntry, 'text' | 'format' | 'title'>, chars = 140) {
  // Block ends part words; inline tags (<b>) do not, or "<b>turn</b>." read "turn .".
  const plain = (
    entry.format === 'html'
      ? entry.text
          .replace(/<\/(p|h[1-6]|li|div|blockquote|tr)>|<br\s*\/?>/gi, ' ')
          .replace(/<[^>]*>/g, '')
      : entry.text
  )
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // The title is often the content's first line: the excerpt starts after it.
  const body = plain.startsWith(entry.title) ? plain.slice(entry.title.length).trim() : plain;
  return body.length > chars ? `${body.slice(0, chars - 1).trimEnd()}…` : body;
}
