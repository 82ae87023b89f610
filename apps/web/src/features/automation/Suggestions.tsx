import { useCallback, useEffect, useState } from 'react';
import type { Suggestion } from '@tandem/schema';
import { Button, useToast } from '../../ui/index.js';
import { decideSuggestion, listSuggestions } from './automation-api.js';
import type { SuggestionWithEffect } from './automation-api.js';
import { describeEffect } from './automation-view.js';

function describe(s: Suggestion): string {
  if (s.kind === 'preferred_term') return `Write "${s.use}" instead of "${s.insteadOf}"`;
  if (s.kind === 'banned_phrase') return `Never write "${s.phrase}"`;
  return s.note ?? '';
}

/**
 * Recurring reviewer corrections, proposed as brand rules or prompt notes, and the accepted
 * ones with the evidence whether reviewers have had to edit the step's output less since.
 */
export function Suggestions({ flowId }: { flowId: string }) {
  const [items, setItems] = useState<SuggestionWithEffect[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const load = useCallback(() => {
    listSuggestions(flowId)
      .then((list) => {
        setItems(list);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [flowId]);
  useEffect(load, [load]);

  const decide = async (s: Suggestion, verdict: 'accept' | 'dismiss') => {
    try {
      await decideSuggestion(s.id, verdict);
      toast.show(verdict === 'accept' ? 'Accepted: later drafts use it' : 'Dismissed', 'success');
      load();
    } catch (e) {
      toast.show((e as Error).message, 'error');
    }
  };

  const open = items?.filter((s) => s.status === 'proposed') ?? null;
  const accepted = items?.filter((s) => s.status === 'accepted') ?? [];

  return (
    <section className="card suggestions" aria-labelledby="sugg-h">
      <h2 id="sugg-h">Suggestions from reviewer edits</h2>
      {error && <p className="muted small">Suggestions unavailable: {error}</p>}
      {open && open.length === 0 && (
        <p className="muted small">
          No open suggestions. When reviewers make the same correction again and again, it shows up
          here to turn into a rule.
        </p>
      )}
      {open && open.length > 0 && (
        <ul className="suggestion-list">
          {open.map((s) => (
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
      {accepted.length > 0 && (
        <>
          <h3 className="suggestion-heading">Accepted: did it help?</h3>
          <ul className="suggestion-list" aria-label="Accepted suggestions">
            {accepted.map((s) => (
              <li key={s.id}>
                <div>
                  <strong>{describe(s)}</strong>
                  <p className="muted small">
                    Step <span className="mono">{s.nodeId}</span>
                    {s.decidedAt && <> · accepted {new Date(s.decidedAt).toLocaleDateString()}</>}
                  </p>
                </div>
                {s.effect && (
                  <p
                    className={`suggestion-effect small${s.effect.enough ? '' : ' muted'}`}
                    title={s.effect.summary}
                  >
                    {describeEffect(s.effect)}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
