import { useEffect, useId, useRef, useState } from 'react';
import { Lock } from 'lucide-react';
import type { AutomationLevel } from '@tandem/schema';
import { Badge, Button, Field, modKey, useToast } from '../../ui/index.js';
import { putAutomation, type CheckpointAutomation } from './automation-api.js';
import {
  LEVEL_LABELS,
  buildChange,
  draftForPick,
  evidenceRows,
  formatRate,
  recommendationAction,
  recommendationOutcome,
  trendReloadKey,
  usesSampleRate,
  type ChangeDraft,
  type ChangeField,
} from './automation-view.js';
import { levelConsequence } from './level-consequence.js';
import { LevelControl, LevelGuide } from './LevelControl.js';
import { FLAGGED_NOTE, recommendationScope } from './evidence-notes.js';
import { TrendCharts } from './TrendCharts.js';

/** An SVG lock, like the app's other icons: an emoji drew an empty box without an emoji font. */
export function LockedBadge({ by }: { by: string | null }) {
  return (
    <Badge tone="neutral" title="A designer locked this checkpoint at Review all">
      <Lock size={12} aria-hidden="true" />
      {by ? `Locked by ${by}` : 'Locked'}
    </Badge>
  );
}

interface Props {
  flowId: string;
  checkpoint: CheckpointAutomation;
  /** The checkpoint as the server describes it after the change. */
  onChanged: (checkpoint: CheckpointAutomation) => void;
}

export function CheckpointCard({ flowId, checkpoint: cp, onChanged }: Props) {
  const toast = useToast();
  const [draft, setDraft] = useState<ChangeDraft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<ChangeField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [showTrend, setShowTrend] = useState(false);
  const id = useId();
  const action = recommendationAction(cp.recommendation, cp.level);
  const outcome = recommendationOutcome(cp.recommendation, cp.level);
  const scope = recommendationScope(cp.evidence, cp.recommendation);
  const percent = String(Math.round(cp.sampleRate * 1000) / 10);

  // The reason typed in a form that arrowing over the level in force closed, offered again.
  const typedReason = useRef('');
  const propose = (level: AutomationLevel, reason = '') => {
    setErrors({});
    if (draft?.reason) typedReason.current = draft.reason;
    setDraft(draftForPick(cp.level, draft, level, percent, reason, typedReason.current));
  };
  // Closing the form removes the button that had focus; a keyboard user goes back to the level.
  const section = useRef<HTMLElement>(null);
  const refocus = useRef(false);
  const close = () => {
    typedReason.current = '';
    refocus.current = true;
    setDraft(null);
  };
  useEffect(() => {
    if (draft || !refocus.current) return;
    refocus.current = false;
    section.current?.querySelector<HTMLElement>('[role="radio"][aria-checked="true"]')?.focus();
  }, [draft, cp.level]);

  const apply = async () => {
    if (!draft) return;
    const result = buildChange(draft);
    if (!result.ok) {
      setErrors(result.errors);
      // To the first field to fix, in the order the form shows them.
      const first = (['confirmAuto', 'samplePercent', 'reason'] as const).find(
        (f) => result.errors[f],
      );
      const fieldIds = { confirmAuto: 'confirm', samplePercent: 'rate', reason: 'reason' };
      if (first) document.getElementById(`${id}-${fieldIds[first]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const updated = await putAutomation(flowId, cp.nodeId, result.body);
      onChanged(updated);
      close();
      toast.show(`${cp.title}: now ${LEVEL_LABELS[updated.level]}`, 'success');
    } catch (e) {
      toast.show((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const shown = draft?.level ?? cp.level;
  const consequence = draft
    ? levelConsequence(cp.level, draft.level, cp.evidence, draft.samplePercent, cp.recommendation)
    : null;
  return (
    <section
      ref={section}
      className="card checkpoint"
      aria-labelledby={`${id}-h`}
      data-node-id={cp.nodeId}
    >
      <header className="checkpoint-head">
        <div>
          <h2 id={`${id}-h`}>{cp.title}</h2>
          <p className="muted small">
            Now <strong>{LEVEL_LABELS[cp.level]}</strong>
            {usesSampleRate(cp.level) && <> · sample {formatRate(cp.sampleRate)}</>}
          </p>
        </div>
        {cp.locked && <LockedBadge by={cp.lockedByName || cp.lockedBy || null} />}
      </header>

      <LevelControl
        label={`Automation level for ${cp.title}`}
        value={shown}
        onChange={(level) => propose(level)}
        disabled={cp.locked || busy}
      />
      <LevelGuide shown={shown} />
      {cp.locked && (
        <p className="small">
          Locked checkpoints stay at Review all. The flow&apos;s designer can unlock it in the
          editor.
        </p>
      )}

      {draft && (
        <form
          className="change-form stack"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
          // Ctrl+Enter sends, as in the inbox's dialogs: Enter in the reason is a new line, and a
          // keyboard manager had to Tab past the reason to reach Apply change.
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || busy) return;
            e.preventDefault();
            void apply();
          }}
        >
          {draft.level === cp.level ? (
            <p>
              Keep <strong>{LEVEL_LABELS[cp.level]}</strong> and change its sample rate. It applies
              to the next item at once.
            </p>
          ) : (
            <p>
              Change from <strong>{LEVEL_LABELS[cp.level]}</strong> to{' '}
              <strong>{LEVEL_LABELS[draft.level]}</strong>. It applies to the next item at once.
            </p>
          )}
          {consequence && <p className="level-consequence">{consequence.text}</p>}
          {consequence?.warning && (
            <p className="notice notice-warning level-warning">{consequence.warning}</p>
          )}
          {draft.level === 'auto' && (
            <div className={`field${errors.confirmAuto ? ' field-invalid' : ''}`}>
              <p className="notice notice-warning">
                At Auto no reviewer sees this checkpoint&apos;s items before they go out, flagged
                items included. Reviewers get no more tasks from it.
              </p>
              <label className="confirm-auto">
                <input
                  id={`${id}-confirm`}
                  type="checkbox"
                  checked={draft.confirmAuto === true}
                  aria-invalid={errors.confirmAuto ? true : undefined}
                  aria-describedby={errors.confirmAuto ? `${id}-confirm-error` : undefined}
                  onChange={(e) => setDraft({ ...draft, confirmAuto: e.target.checked })}
                />
                I understand that nothing will wait for a reviewer
              </label>
              {errors.confirmAuto && (
                <p className="field-error" id={`${id}-confirm-error`} role="alert">
                  {errors.confirmAuto}
                </p>
              )}
            </div>
          )}
          {usesSampleRate(draft.level) && (
            <Field
              label="Sample rate (%)"
              htmlFor={`${id}-rate`}
              error={errors.samplePercent}
              help="Share of clean items still reviewed."
            >
              <input
                id={`${id}-rate`}
                type="number"
                min={0}
                max={100}
                step={1}
                value={draft.samplePercent}
                onChange={(e) => setDraft({ ...draft, samplePercent: e.target.value })}
              />
            </Field>
          )}
          <Field
            label="Reason"
            htmlFor={`${id}-reason`}
            required
            error={errors.reason}
            help="Recorded in the audit trail."
          >
            <textarea
              id={`${id}-reason`}
              rows={2}
              value={draft.reason}
              onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
            />
          </Field>
          <div className="row">
            <Button
              type="submit"
              variant="primary"
              disabled={busy}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              Apply change
            </Button>
            <Button variant="ghost" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <span className="muted small" aria-hidden="true">
              <kbd>{modKey()}</kbd>+<kbd>Enter</kbd> to apply
            </span>
          </div>
        </form>
      )}

      {cp.recommendation && (
        <div className={`recommendation rec-${cp.recommendation.direction}`}>
          <div className="stack rec-text">
            <p>
              <strong>Recommendation:</strong> {cp.recommendation.reason}
            </p>
            {outcome && !cp.locked && <p className="small">{outcome}</p>}
          </div>
          {action && cp.recommendation.to && !cp.locked && (
            <Button
              size="sm"
              variant="primary"
              onClick={() => propose(cp.recommendation!.to!, cp.recommendation!.reason)}
            >
              {action}
            </Button>
          )}
        </div>
      )}

      {cp.evidence && (
        <dl className="evidence">
          {evidenceRows(cp.evidence, cp.olderDecisions).map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>
                {row.value}
                {row.count && <span className="evidence-count"> ({row.count})</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {cp.evidence ? (
        <div className="small muted evidence-notes">
          {scope && <p>{scope}</p>}
          <p>{FLAGGED_NOTE}</p>
        </div>
      ) : (
        <p className="muted small">No evidence yet: decisions at this checkpoint build it.</p>
      )}

      <details onToggle={(e) => setShowTrend((e.target as HTMLDetailsElement).open)}>
        <summary>Trend over time and per prompt version</summary>
        {showTrend && (
          <TrendCharts
            flowId={flowId}
            nodeId={cp.nodeId}
            title={cp.title}
            reloadKey={trendReloadKey(cp)}
          />
        )}
      </details>
    </section>
  );
}
