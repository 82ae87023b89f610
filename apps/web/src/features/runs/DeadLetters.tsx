import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Publication } from '@tandem/schema';
import { Button, formatRelative, useToast } from '../../ui/index.js';
import { CHANNEL_LABELS, formatDateTime } from './run-view.js';
import { listDeadLetters, replayPublication } from './runs-api.js';

/**
 * The dead letters as an admin reads them: where each was going, what went wrong, and a way to
 * its run, linked by name rather than by the run's id ("Run run_01m8…" told nobody which run).
 */
export function DeadLetterList({
  items,
  busy,
  onReplay,
}: {
  items: Publication[];
  busy: string | null;
  onReplay: (p: Publication) => void;
}) {
  return (
    <>
      <p className="muted small">
        These deliveries failed on every retry. Fix what the error points to (the receiving side, or
        its connection in Settings), then choose Replay: the same content is sent again, and it is
        never published twice.
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
              {p.error && <p className="small error-text">{p.error}</p>}
            </div>
            <Button size="sm" onClick={() => onReplay(p)} disabled={busy === p.id}>
              {busy === p.id ? 'Replaying…' : 'Replay'}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Deliveries that exhausted their retries; an admin replays them with the same key. */
export function DeadLetters() {
  const [items, setItems] = useState<Publication[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const toast = useToast();
  const load = useCallback(() => {
    listDeadLetters()
      .then((list) => {
        setItems(list);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const replay = async (p: Publication) => {
    setBusy(p.id);
    try {
      await replayPublication(p.id);
      toast.show(`Sending the ${CHANNEL_LABELS[p.channel]} delivery again`, 'success');
      load();
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
        <DeadLetterList items={items} busy={busy} onReplay={(p) => void replay(p)} />
      )}
    </section>
  );
}
