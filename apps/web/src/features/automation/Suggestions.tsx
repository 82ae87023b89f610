import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Suggestion } from '@tandem/schema';
import { Button, useToast } from '../../ui/index.js';
import { decideSuggestion, listSuggestions } from './automation-api.js';
import type { SuggestionWithEffect } from './automation-api.js';
import { describeEffect } from './automation-view.js';
import { useLiveSuggestions } from './use-live-suggestions.js';

function describe(s: Suggestion): string {
  if (s.kind === 'preferred_term') return `Write "${s.use}" instead of "${s.insteadOf}"`;
  if (s.kind === 'banned_phrase') return `Never write "${s.phrase}"`;
  return s.note ?? '';
}

/** The AI step as the designer named it; its id only when it has no name. */
function StepName({ nodeId, stepNames }: { nodeId: string; stepNames: Record<string, string> }) {
  const name = stepNames[nodeId];
  return name ? <>&ldquo;{name}&rdquo;</> : <span className="mono">{nodeId}</span>;
}

const VERDICTS = [
  ['accept', 'Accept', 'primary'],
  ['dismiss', 'Dismiss', 'ghost'],
] as const;

/**
 * One proposed correction. Its Accept and Dismiss buttons are described by the correction, so a
 * screen reader tabbing through a list of them hears which one each button decides.
 */
export function ProposedSuggestion({
  suggestion: s,
  stepNames,
  onDecide,
}: {
  suggestion: Suggestion;
  stepNames: Record<string, string>;
  onDecide: (verdict: 'accept' | 'dismiss') => void;
}) {
  const id = useId();
  return (
    <li>
      <div>
        <strong id={`${id}-text`}>{describe(s)}</strong>
        <p className="muted small">
          Seen {s.occurrences} times at step <StepName nodeId={s.nodeId} stepNames={stepNames} />
        </p>
      </div>
      <div className="row">
        {VERDICTS.map(([verdict, label, variant]) => (
          <Button
            key={verdict}
            size="sm"
            variant={variant}
            aria-describedby={`${id}-text`}
            onClick={() => onDecide(verdict)}
          >
            {label}
          </Button>
        ))}
      </div>
    </li>
  );
}

/**
 * Recurring reviewer corrections, proposed as brand rules or prompt notes, and the accepted
 * ones with the evidence whether reviewers have had to edit the step's output less since.
 */
export function Suggestions({
  flowId,
  stepNames = {},
}: {
  flowId: string;
  stepNames?: Record<string, string>;
}) {
  const [items, setItems] = useState<SuggestionWithEffect[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  // The flow on screen: a reload for the flow the manager just left must not land under this one.
  const shown = useRef(flowId);
  useEffect(() => {
    shown.current = flowId;
  }, [flowId]);
  const load = useCallback(async () => {
    try {
      const list = await listSuggestions(flowId);
      if (shown.current !== flowId) return;
      setItems(list);
      setError(null);
    } catch (e) {
      if (shown.current === flowId) setError((e as Error).message);
    }
  }, [flowId]);
  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);
  useLiveSuggestions(flowId, load);

  const decide = async (s: Suggestion, verdict: 'accept' | 'dismiss') => {
    try {
      await decideSuggestion(s.id, verdict);
      toast.show(verdict === 'accept' ? 'Accepted: later drafts use it' : 'Dismissed', 'success');
      void load();
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
            <ProposedSuggestion
              key={s.id}
              suggestion={s}
              stepNames={stepNames}
              onDecide={(verdict) => void decide(s, verdict)}
            />
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
                    Step <StepName nodeId={s.nodeId} stepNames={stepNames} />
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
