import { Link } from 'react-router';
import { libraryHtmlDocument, type LibraryEntry } from '@tandem/schema';
import { Badge, Button, StructuredView, formatRelative, useToast } from '../../ui/index.js';
import { parseStructured } from '../../ui/structured-data.js';
import { formatDateTime } from '../runs/run-view.js';
import { LibraryHtmlPreview } from './LibraryHtmlPreview.js';
import { downloadName } from './library-view.js';

/** The text of saved HTML, block by block, for pasting where formatting is not wanted. */
function textOfHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const blocks = [...doc.body.querySelectorAll('h1,h2,h3,h4,h5,h6,p,li,blockquote,pre')];
  const text = blocks.length
    ? blocks.map((el) => el.textContent?.trim() ?? '').filter(Boolean)
    : [doc.body.textContent?.trim() ?? ''];
  return text.join('\n\n');
}

/**
 * Copies the entry. HTML goes on the clipboard as HTML and as text, so a CMS editor pastes it
 * formatted and a plain field pastes its words.
 */
async function copyEntry(entry: LibraryEntry): Promise<void> {
  if (entry.format === 'html' && typeof ClipboardItem !== 'undefined') {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([entry.text], { type: 'text/html' }),
        'text/plain': new Blob([textOfHtml(entry.text)], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  await navigator.clipboard.writeText(entry.text);
}

const MEDIA_TYPES: Record<LibraryEntry['format'], string> = {
  text: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
};

function download(entry: LibraryEntry): void {
  const body = entry.format === 'html' ? libraryHtmlDocument(entry) : `${entry.text}\n`;
  const type = MEDIA_TYPES[entry.format];
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = downloadName(entry);
  link.click();
  // The click has handed the file to the browser; the address is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** One entry: what it is, where it came from, and ways to take it elsewhere. */
/** Says an entry no checkpoint passed: the flow saved a step's output as it came. */
export function NotReviewedBadge() {
  return (
    <Badge tone="warning" title="No review came before the step that saved it">
      Not reviewed
    </Badge>
  );
}

export function LibraryEntryView({
  entry,
  onArchive,
}: {
  entry: LibraryEntry;
  /** Archives the entry (true) or puts it back in the library (false). */
  onArchive: (archive: boolean) => void;
}) {
  const toast = useToast();
  // A step's JSON fields read as fields and tables, as the reviewer saw them; copy and download
  // still give the JSON.
  const data = entry.format === 'json' ? parseStructured(entry.text) : undefined;
  const copy = () =>
    copyEntry(entry).then(
      () => toast.show('Copied', 'success', 'library-copy'),
      () =>
        toast.show(
          'The browser did not allow copying: select the text and copy it, or download it.',
          'error',
          'library-copy',
        ),
    );
  return (
    <article className="card library-entry" aria-labelledby="library-entry-title">
      <header className="library-entry-header">
        <div>
          <h2 id="library-entry-title">{entry.title}</h2>
          <p className="muted small">
            {entry.archivedAt && (
              <Badge tone="neutral" title={`Archived ${formatDateTime(entry.archivedAt)}`}>
                Archived
              </Badge>
            )}{' '}
            {!entry.reviewed && <NotReviewedBadge />}{' '}
            {entry.collection && <Badge tone="accent">{entry.collection}</Badge>} From{' '}
            {entry.flowName ?? 'a deleted flow'} · saved{' '}
            <time dateTime={entry.savedAt} title={formatDateTime(entry.savedAt)}>
              {formatRelative(entry.savedAt)}
            </time>{' '}
            · <Link to={`/runs/${encodeURIComponent(entry.runId)}`}>Open the run</Link>
          </p>
        </div>
        <div className="row library-actions">
          <Button size="sm" variant="primary" onClick={() => void copy()}>
            Copy
          </Button>
          <Button size="sm" onClick={() => download(entry)}>
            Download {entry.format === 'text' ? 'text' : entry.format.toUpperCase()}
          </Button>
          {entry.archivedAt ? (
            <Button size="sm" onClick={() => onArchive(false)}>
              Restore to library
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              title="Take it out of the library's list; it stays under Archived"
              onClick={() => onArchive(true)}
            >
              Archive
            </Button>
          )}
        </div>
      </header>
      {entry.format === 'html' ? (
        <LibraryHtmlPreview key={entry.id} entry={entry} />
      ) : data ? (
        <div data-testid="library-text">
          <StructuredView value={data} />
        </div>
      ) : (
        <div
          className={entry.format === 'json' ? 'library-text mono' : 'library-text'}
          data-testid="library-text"
        >
          {entry.text}
        </div>
      )}
    </article>
  );
}
