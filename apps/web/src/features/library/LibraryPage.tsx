import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { LibraryEntry } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { useResync, useSocketEvent } from '../../api/socket.js';
import { useAuth } from '../../auth/index.js';
import {
  Badge,
  Button,
  EmptyState,
  PageHeader,
  Spinner,
  formatRelative,
  useToast,
} from '../../ui/index.js';
import { LibraryEntryView, NotReviewedBadge } from './LibraryEntryView.js';
import { LibraryToolbar } from './LibraryToolbar.js';
import {
  getLibraryEntry,
  listLibrary,
  listLibraryCollections,
  setEntryArchived,
} from './library-api.js';
import {
  excerptOf,
  firstMatches,
  isFiltered,
  paramsOfView,
  placeEntry,
  viewOfParams,
  mergeCollections,
  withCollections,
  type LibraryView,
} from './library-view.js';
import { useArchiveUndo } from './use-archive-undo.js';
import './library.css';

/** How long typing pauses before the search runs: one request per word, not per letter. */
const SEARCH_DELAY_MS = 300;

function EntryList({
  entries,
  selectedId,
  search,
}: {
  entries: readonly LibraryEntry[];
  selectedId: string | undefined;
  search: string;
}) {
  return (
    <ul className="library-list" aria-label="Saved content">
      {entries.map((entry) => (
        <li key={entry.id}>
          <Link
            to={{ pathname: `/library/${encodeURIComponent(entry.id)}`, search }}
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
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const { hasRole } = useAuth();
  const { query, collection, archived } = viewOfParams(params);
  const view = useMemo<LibraryView>(
    () => ({ query, collection, archived }),
    [query, collection, archived],
  );
  const viewRef = useRef(view);
  viewRef.current = view;
  const search = params.toString() ? `?${params.toString()}` : '';

  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState(query);
  /** Collections seen in any list loaded, so a filtered list still offers the others. */
  const [knownCollections, setKnownCollections] = useState<string[]>([]);
  /** An entry opened by its link that is not in the pages loaded. */
  const [opened, setOpened] = useState<LibraryEntry | null>(null);

  const showPage = useCallback((items: LibraryEntry[]) => {
    setKnownCollections((known) => withCollections(known, items));
  }, []);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      setSearching(true);
      try {
        const page = await firstMatches((c) => listLibrary(view, c, signal), null);
        setEntries(page.items);
        setNextCursor(page.nextCursor);
        showPage(page.items);
        setError(null);
      } catch (e) {
        if (!signal?.aborted) setError((e as Error).message);
      } finally {
        if (!signal?.aborted) setSearching(false);
      }
    },
    [view, showPage],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  // Every collection the library holds, not only those of the pages loaded. The menu still
  // works from what was seen if this fails.
  const loadCollections = useCallback((signal?: AbortSignal) => {
    listLibraryCollections(signal).then(
      (all) => setKnownCollections((known) => mergeCollections(known, all)),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    loadCollections(controller.signal);
    return () => controller.abort();
  }, [loadCollections]);
  useResync(() => {
    void load();
    loadCollections();
  });

  // The address changed from elsewhere (Back, a link): the box shows its words. While typing,
  // the box keeps what was typed ("spring " stays, though the search trims it).
  useEffect(() => setDraft((typed) => (typed.trim() === query ? typed : query)), [query]);
  useEffect(() => {
    if (draft.trim() === query) return;
    // Replaced, not pushed: Back leaves the search rather than unwinding it letter by letter.
    const timer = setTimeout(
      () => setParams(paramsOfView({ ...viewRef.current, query: draft }), { replace: true }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [draft, query, setParams]);

  // Content saved, archived or restored while the page is open moves in or out of the list.
  useSocketEvent('publication.updated', ({ publication }) => {
    if (publication.channel !== 'library' || publication.status !== 'succeeded') return;
    getLibraryEntry(publication.id).then(
      (entry) => {
        setEntries((list) => list && placeEntry(list, entry, viewRef.current));
        setOpened((shown) => (shown?.id === entry.id ? entry : shown));
      },
      () => undefined,
    );
  });

  const more = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await firstMatches((c) => listLibrary(view, c), nextCursor);
      setEntries((list) => {
        const have = new Set((list ?? []).map((e) => e.id));
        return [...(list ?? []), ...page.items.filter((e) => !have.has(e.id))];
      });
      setNextCursor(page.nextCursor);
      showPage(page.items);
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

  const selected = entryId
    ? (inList ?? (opened?.id === entryId ? opened : null))
    : (entries?.[0] ?? null);
  // On a phone the entry sits under the whole list: a tap on one brings it into view.
  const entryPanel = useRef<HTMLDivElement>(null);
  const shownId = selected?.id;
  useEffect(() => {
    if (!entryId || shownId !== entryId) return;
    if (window.matchMedia('(max-width: 760px)').matches)
      entryPanel.current?.scrollIntoView({ block: 'start' });
  }, [entryId, shownId]);

  const changeArchived = useArchiveUndo({
    toast,
    setArchived: setEntryArchived,
    onChanged: (entry, undone) => {
      setEntries((list) => list && placeEntry(list, entry, viewRef.current));
      setOpened((shown) => (shown?.id === entry.id ? entry : shown));
      const here = viewRef.current;
      const target = undone ? `/library/${encodeURIComponent(entry.id)}` : '/library';
      // Gone from this list: the next entry takes its place; undone: it is shown again.
      if ((entry.archivedAt !== null) !== here.archived || undone) {
        const query = paramsOfView(here).toString();
        navigate({ pathname: target, search: query ? `?${query}` : '' }, { replace: true });
      }
    },
  });

  // Entries pushed live bring their collections too.
  const collections = useMemo(
    () => withCollections(knownCollections, entries ?? []),
    [knownCollections, entries],
  );
  const filtered = isFiltered(view);
  const nothingListed = entries?.length === 0 && !filtered && !archived && !nextCursor;
  // An empty list may mean everything was archived, not that nothing was ever saved.
  const [anyArchived, setAnyArchived] = useState(false);
  useEffect(() => {
    if (!nothingListed) return;
    const controller = new AbortController();
    listLibrary({ query: '', collection: '', archived: true }, null, controller.signal).then(
      (page) => setAnyArchived(page.items.length > 0 || page.nextCursor !== null),
      () => undefined,
    );
    return () => controller.abort();
  }, [nothingListed]);
  const emptyLibrary = nothingListed && !anyArchived;
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
      {entries && (
        <LibraryToolbar
          view={view}
          draft={draft}
          onDraft={setDraft}
          collections={collections}
          onCollection={(c) => setParams(paramsOfView({ ...view, collection: c }))}
          count={entries.length}
          more={nextCursor !== null}
          busy={searching}
        />
      )}
      {emptyLibrary && (
        <EmptyState
          title="Nothing in the library yet"
          body="Content lands here when a reviewer approves it in a flow that ends with “Save to content library”. Start a run of “Blog post with brand review” and approve it in the inbox to see one."
          action={hasRole('designer') ? <Link to="/flows">Open your flows</Link> : undefined}
        />
      )}
      {entries && !emptyLibrary && (
        <div className="library-layout">
          <div className="library-list-column">
            {entries.length === 0 ? (
              filtered ? (
                <EmptyState
                  title="No entries match"
                  body={
                    nextCursor
                      ? 'Nothing among the newest entries searched so far. Search older ones, or try other words.'
                      : `Nothing ${archived ? 'archived' : 'in the library'} has all of those words${collection ? ` in “${collection}”` : ''}.`
                  }
                  action={
                    <Button
                      size="sm"
                      onClick={() =>
                        setParams(paramsOfView({ ...view, query: '', collection: '' }))
                      }
                    >
                      Clear the search
                    </Button>
                  }
                />
              ) : (
                <EmptyState
                  title={archived ? 'Nothing archived' : 'Nothing in the library'}
                  body={
                    archived
                      ? 'Entries you archive leave the library’s list and wait here, kept as they were saved; restore one to put it back.'
                      : 'Every entry is archived: find them under Archived.'
                  }
                />
              )
            ) : (
              <EntryList entries={entries} selectedId={selected?.id} search={search} />
            )}
            {nextCursor && (
              <Button size="sm" variant="ghost" onClick={() => void more()} busy={loadingMore}>
                {loadingMore
                  ? 'Loading…'
                  : filtered
                    ? 'Search older entries'
                    : 'Show older entries'}
              </Button>
            )}
          </div>
          <div ref={entryPanel} className="library-entry-column">
            {selected ? (
              <LibraryEntryView
                entry={selected}
                onArchive={(archive) => void changeArchived(selected, archive)}
              />
            ) : (
              entryId && !error && <Spinner label="Loading the entry" />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
