import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Search } from 'lucide-react';
import type { LibraryEntry } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { useResync, useSocketEvent } from '../../api/socket.js';
import { useAuth } from '../../auth/index.js';
import { Badge, Button, EmptyState, PageHeader, Spinner, formatRelative } from '../../ui/index.js';
import { LibraryEntryView, NotReviewedBadge } from './LibraryEntryView.js';
import { getLibraryEntry, listLibrary } from './library-api.js';
import { collectionsOf, excerptOf, filterEntries, withEntry } from './library-view.js';
import './library.css';

function EntryList({
  entries,
  selectedId,
}: {
  entries: readonly LibraryEntry[];
  selectedId: string | undefined;
}) {
  return (
    <ul className="library-list" aria-label="Saved content">
      {entries.map((entry) => (
        <li key={entry.id}>
          <Link
            to={`/library/${encodeURIComponent(entry.id)}`}
            aria-current={entry.id === selectedId ? 'true' : undefined}
            className="library-item"
          >
            <strong>{entry.title}</strong>
            <span className="library-excerpt">{excerptOf(entry)}</span>
            <span className="muted small">
              {!entry.reviewed && <NotReviewedBadge />}{' '}
              {entry.collection && <Badge>{entry.collection}</Badge>}{' '}
              {entry.flowName ?? 'Deleted flow'} · {formatRelative(entry.savedAt)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The content library: approved content kept by "Save to content library" steps. */
export function LibraryPage() {
  const { entryId } = useParams();
  const { hasRole } = useAuth();
  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [collection, setCollection] = useState('');
  /** An entry opened by its link that is older than the pages loaded. */
  const [opened, setOpened] = useState<LibraryEntry | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await listLibrary(null);
      setEntries(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useResync(() => void load());
  // Content saved while the page is open appears at the top.
  useSocketEvent('publication.updated', ({ publication }) => {
    if (publication.channel !== 'library' || publication.status !== 'succeeded') return;
    getLibraryEntry(publication.id).then(
      (entry) => setEntries((list) => list && withEntry(list, entry)),
      () => undefined,
    );
  });

  const more = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listLibrary(nextCursor);
      setEntries((list) => [...(list ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  const inList = entries?.find((e) => e.id === entryId);
  useEffect(() => {
    if (!entryId || !entries || inList) return;
    const controller = new AbortController();
    getLibraryEntry(entryId, controller.signal).then(setOpened, (e: unknown) => {
      if (!controller.signal.aborted)
        setError(
          isApiError(e, 'NOT_FOUND')
            ? 'This entry is not in the library: it may have come from a run that was canceled.'
            : (e as Error).message,
        );
    });
    return () => controller.abort();
  }, [entryId, entries, inList]);

  const visible = useMemo(
    () => filterEntries(entries ?? [], { query, collection }),
    [entries, query, collection],
  );
  const collections = useMemo(() => collectionsOf(entries ?? []), [entries]);
  const selected = entryId ? (inList ?? (opened?.id === entryId ? opened : null)) : visible[0];
  // On a phone the entry sits under the whole list: a tap on one brings it into view.
  const entryPanel = useRef<HTMLDivElement>(null);
  const shownId = selected?.id;
  useEffect(() => {
    if (!entryId || shownId !== entryId) return;
    if (window.matchMedia('(max-width: 760px)').matches)
      entryPanel.current?.scrollIntoView({ block: 'start' });
  }, [entryId, shownId]);

  return (
    <div className="page library">
      <PageHeader
        title="Content library"
        subtitle="What reviewers approved in flows that end with “Save to content library”, newest first. Copy it into your site or download it."
      />
      {error && (
        <p className="notice notice-danger" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <Spinner label="Loading the library" />}
      {entries && entries.length === 0 && (
        <EmptyState
          title="Nothing in the library yet"
          body="Content lands here when a reviewer approves it in a flow that ends with “Save to content library”. Start a run of “Blog post with brand review” and approve it in the inbox to see one."
          action={hasRole('designer') ? <Link to="/flows">Open your flows</Link> : undefined}
        />
      )}
      {entries && entries.length > 0 && (
        <>
          <div className="list-toolbar">
            <label className="search-box">
              <Search size={16} aria-hidden="true" />
              <input
                type="search"
                placeholder="Search the library"
                aria-label="Search the library"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
            {collections.length > 0 && (
              <label className="inline-select">
                <span>Collection</span>
                <select value={collection} onChange={(e) => setCollection(e.target.value)}>
                  <option value="">All collections</option>
                  {collections.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
            )}
            <span className="muted small" aria-live="polite">
              {visible.length} of {entries.length}
              {nextCursor ? '+' : ''} saved
            </span>
          </div>
          <div className="library-layout">
            <div className="library-list-column">
              {visible.length === 0 ? (
                <p className="muted">Nothing saved matches. Try other words or all collections.</p>
              ) : (
                <EntryList entries={visible} selectedId={selected?.id} />
              )}
              {nextCursor && (
                <Button size="sm" variant="ghost" onClick={() => void more()} busy={loadingMore}>
                  {loadingMore ? 'Loading…' : 'Show older entries'}
                </Button>
              )}
            </div>
            <div ref={entryPanel} className="library-entry-column">
              {selected ? (
                <LibraryEntryView entry={selected} />
              ) : (
                entryId && !error && <Spinner label="Loading the entry" />
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
