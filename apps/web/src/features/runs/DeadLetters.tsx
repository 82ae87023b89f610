import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { mayHaveArrived, wasCanceledBeforeSending } from '@tandem/schema';
import { coalesce } from '../../api/coalesce.js';
import { useResync, useSocketEvent } from '../../api/socket.js';
import { Button, formatRelative, useToast } from '../../ui/index.js';
import { canceledDeliveryHint, CHANNEL_LABELS } from './publication-view.js';
import { formatDateTime } from './run-view.js';
import { DEAD_LETTER_PAGE, deadLetterReadLimit, touchesDeadLetters } from './dead-letters.js';
import { listDeadLetters, replayPublication, type DeadLetter } from './runs-api.js';

/**
 * The dead letters as an admin reads them: where each was going, what went wrong, and a way to
 * its run, linked by name rather than by the run's id ("Run run_01m8…" told nobody which run).
 */
export function DeadLetterList({
  items,
  busy,
  onReplay,
  onMore = null,
  loadingMore = false,
}: {
  items: DeadLetter[];
  busy: string | null;
  onReplay: (p: DeadLetter) => void;
  /** Older dead letters remain: offered one page at a time (only the newest 50 were shown). */
  onMore?: (() => void) | null;
  loadingMore?: boolean;
}) {
  return (
    <>
      <p className="muted small">
        These deliveries failed on every retry. Fix what the error points to (the receiving side, or
        its connection in Settings), then choose Replay: the same content is sent again, and it is
        never published twice. The exception is a message that may already be posted, marked below:
        check its channel first.
      </p>
      <ul className="dl-list">
        {items.map((p) => (
          <li key={p.id}>
            <div>
              <strong>{CHANNEL_LABELS[p.channel]}</strong>
              {p.target && (
                <>
                  {' '}
                  → <span className="mono">{p.target}</span>
                </>
              )}
              <p className="small muted">
                <Link to={`/runs/${encodeURIComponent(p.runId)}`}>Open the run</Link> ·{' '}
                {p.attempts.length} attempts · last{' '}
                <time dateTime={p.updatedAt} title={formatDateTime(p.updatedAt)}>
                  {formatRelative(p.updatedAt)}
                </time>
              </p>
              {/* A cancel's settling is no error to fix: the hint beside it says what happened. */}
              {p.error && !wasCanceledBeforeSending(p) && (
                <p className="small error-text">{p.error}</p>
              )}
              {mayHaveArrived(p) && (
                <p className="small">
                  <strong>May already be posted.</strong> The receiver cannot tell a repeat: look in{' '}
                  {CHANNEL_LABELS[p.channel]} first, and replay only if the message is missing.
                </p>
              )}
            </div>
            {p.runStatus === 'canceled' ? (
              <p className="small muted">{canceledDeliveryHint(p)}</p>
            ) : (
              <Button size="sm" onClick={() => onReplay(p)} busy={busy === p.id}>
                {busy === p.id ? 'Replaying…' : mayHaveArrived(p) ? 'Replay anyway' : 'Replay'}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {onMore && (
        <Button size="sm" variant="ghost" onClick={onMore} busy={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show older dead letters'}
        </Button>
      )}
    </>
  );
}

/**
 * Deliveries that exhausted their retries; an admin replays them with the same key. The list
 * follows pushed publications: a replay that fails again comes back without a reload (it used to
 * vanish on Replay and stay away, so the admin took it for delivered).
 */
export function DeadLetters() {
  const [items, setItems] = useState<DeadLetter[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef(DEAD_LETTER_PAGE);
  const toast = useToast();
  const load = useCallback(async () => {
    try {
      const page = await listDeadLetters({ limit: deadLetterReadLimit(shown.current) });
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  const reload = useMemo(() => coalesce(load), [load]);
  useEffect(() => reload.trigger(), [reload]);
  useResync(() => reload.trigger());
  useSocketEvent('publication.updated', ({ publication }) => {
    if (touchesDeadLetters(publication, items ?? [])) reload.trigger();
  });

  const showMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listDeadLetters({ limit: DEAD_LETTER_PAGE, cursor: nextCursor });
      setItems((list) => {
        const known = new Set(list?.map((p) => p.id));
        const next = [...(list ?? []), ...page.items.filter((p) => !known.has(p.id))];
        shown.current = next.length;
        return next;
      });
      setNextCursor(page.nextCursor);
    } catch (e) {
      toast.show((e as Error).message, 'error');
    } finally {
      setLoadingMore(false);
    }
  };

  const replay = async (p: DeadLetter) => {
    setBusy(p.id);
    try {
      await replayPublication(p.id);
      toast.show(`Sending the ${CHANNEL_LABELS[p.channel]} delivery again`, 'success');
      reload.trigger();
    } catch (e) {
      toast.show((e as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card dead-letters" aria-labelledby="dl-h">
      <h2 id="dl-h">Dead letters</h2>
      {error && <p className="muted small">Unavailable: {error}</p>}
      {items && items.length === 0 && (
        <p className="muted small">
          No failed deliveries. Publications that run out of retries land here.
        </p>
      )}
      {items && items.length > 0 && (
        <DeadLetterList
          items={items}
          busy={busy}
          onReplay={(p) => void replay(p)}
          onMore={nextCursor ? () => void showMore() : null}
          loadingMore={loadingMore}
        />
      )}
    </section>
  );
}
