import type { LibraryEntry } from './library.schema.js';

/*
 * The one place an HTML library entry becomes a whole page: the web app builds it for a
 * download, the server for the preview it serves under its own Content-Security-Policy.
 */

/** The preview's type, close to the app's, instead of the browser's default serif. */
const PREVIEW_STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;color:#161a2b;max-width:72ch;margin:16px 20px;overflow-wrap:anywhere}img{max-width:100%}';

/**
 * A whole HTML document around saved HTML, so the downloaded file opens as a page; `styled`
 * for the preview only (a file for a CMS carries no styles of ours).
 */
export function libraryHtmlDocument(
  entry: Pick<LibraryEntry, 'title' | 'text'>,
  styled = false,
): string {
  const title = entry.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const style = styled ? `<style>${PREVIEW_STYLE}</style>\n` : '';
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n${style}</head>\n<body>\n${entry.text}\n</body>\n</html>\n`;
}
