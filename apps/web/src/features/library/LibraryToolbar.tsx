import { Link } from 'react-router';
import { Search } from 'lucide-react';
import { paramsOfView, type LibraryView } from './library-view.js';

/**
 * The library's or the archive's list, searched on the server: the box holds what is being
 * typed (`draft`), the address the search made; collections are those seen so far.
 */
export function LibraryToolbar({
  view,
  draft,
  onDraft,
  collections,
  onCollection,
  count,
  more,
  busy,
}: {
  view: LibraryView;
  draft: string;
  onDraft: (text: string) => void;
  collections: readonly string[];
  onCollection: (collection: string) => void;
  count: number;
  more: boolean;
  busy: boolean;
}) {
  // Each view keeps the search, so switching shows the same words' entries in the other list.
  const linkTo = (archived: boolean) => {
    const search = paramsOfView({ ...view, archived }).toString();
    return { pathname: '/library', search: search ? `?${search}` : '' };
  };
  const shown = collections.includes(view.collection)
    ? collections
    : [...collections, view.collection].filter(Boolean);
  return (
    <div className="list-toolbar">
      <nav className="library-views" aria-label="Library lists">
        <Link to={linkTo(false)} aria-current={view.archived ? undefined : 'page'}>
          Library
        </Link>
        <Link to={linkTo(true)} aria-current={view.archived ? 'page' : undefined}>
          Archived
        </Link>
      </nav>
      <label className="search-box">
        <Search size={16} aria-hidden="true" />
        <input
          type="search"
          placeholder={view.archived ? 'Search the archive' : 'Search the library'}
          aria-label={view.archived ? 'Search the archive' : 'Search the library'}
          value={draft}
          onChange={(e) => onDraft(e.target.value)}
        />
      </label>
      {shown.length > 0 && (
        <label className="inline-select">
          <span>Collection</span>
          <select value={view.collection} onChange={(e) => onCollection(e.target.value)}>
            <option value="">All collections</option>
            {shown.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      <span className="muted small" aria-live="polite" aria-busy={busy}>
        {busy ? 'Searching…' : `${count}${more ? '+' : ''} ${view.archived ? 'archived' : 'shown'}`}
      </span>
    </div>
  );
}
