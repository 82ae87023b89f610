import { useCallback, useEffect, useState } from 'react';
import type { Suggestion } from '@tandem/schema';
import { Button, useToast } from '../../ui/index.js';
import { decideSuggestion, listSuggestions } from './automation-api.js';

function describe(s: Suggestion): string {
  if (s.kind === 'preferred_term') return `Write "${s.use}" instead of "${s.insteadOf}"`;
  if (s.kind === 'banned_phrase') return `Never write "${s.phrase}"`;
  return s.note ?? '';
}

/** Recurring reviewer corrections, proposed as brand rules or prompt notes. */
export function Suggestions({ flowId }: { flowId: string }) {
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const load = useCallback(() => {
    listSuggestions(flowId)
      .then((list) => {
        setItems(list.filter((s) => s.status === 'proposed'));
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [flowId]);
  useEffect(load, [load]);

  const decide = async (s: Suggestion, verdict: 'accept' | 'dismiss') => {
    try {
      await decideSuggestion(s.id, verdict);
      setItems((list) => list?.filter((x) => x.id !== s.id) ?? null);
      toast.show(verdict === 'accept' ? 'Accepted: later drafts use it' : 'Dismissed', 'success');
    } catch (e) {
      toast.show((e as Error).message, 'error');
    }
  };

  return (
    <section className="card suggestions" aria-labelledby="sugg-h">
      <h2 id="sugg-h">Suggestions from reviewer edits</h2>
      {error && <p className="muted small">Suggestions unavailable: {error}</p>}
      {items && items.length === 0 && (
        <p className="muted small">
          No open suggestions. When reviewers make the same correction again and again, it shows up
          here to turn into a rule.
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="suggestion-list">
          {items.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{describe(s)}</strong>
                <p className="muted small">
                  Seen {s.occurrences} times at step <span className="mono">{s.nodeId}</span>
                </p>
              </div>
              <div className="row">
                <Button size="sm" variant="primary" onClick={() => void decide(s, 'accept')}>
                  Accept
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void decide(s, 'dismiss')}>
                  Dismiss
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
