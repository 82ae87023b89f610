import { useState, type FormEvent } from 'react';
import { Button, Field, Modal } from '../../../ui/index.js';
import {
  buildRunInput,
  firstInvalidField,
  initialRunValues,
  isSubmitShortcut,
  type InputFieldSpec,
} from './run-input.js';
import { startRunLabel, type RunMode } from './run-effects.js';
import { RunModeChoice } from './RunModeChoice.js';
import { PublishTurnsOnNote } from './PublishTurnsOnNote.js';
import type { PublishTurnsOn } from './publish-turns-on.js';

/** How the draft is published before the run, as the designer chose in the dialog. */
export interface PublishChoice {
  /** Publish the draft's schedule paused, so no real run starts on it. */
  pauseSchedule: boolean;
}

const inputId = (name: string) => `run-input-${name}`;

/** How many problems stop the draft from being published, in words. */
function problemCount(count: number): string {
  return count === 1 ? '1 problem' : `${count} problems`;
}

/**
 * The trigger's form, generated from its fields, to start a run of the published flow: a test run
 * (nothing is sent, checkpoints ask the designer) unless the designer chooses a real one. A draft
 * that has to be published first but has problems cannot run: the dialog says so before any
 * input is asked for, and leads to the problems list. Publishing a schedule or a webhook starts
 * real runs later on, which the dialog says too; a schedule it offers to publish paused.
 */
export function TestRunModal({
  open,
  onClose,
  fields,
  onStart,
  note,
  realEffects = null,
  publishFirst,
  blockingProblems = 0,
  onShowProblems,
  turnsOn = null,
}: {
  open: boolean;
  onClose: () => void;
  fields: InputFieldSpec[];
  onStart: (
    input: Record<string, string | number>,
    mode: RunMode,
    publishing: PublishChoice,
  ) => Promise<void>;
  note: string;
  /** What a real run does outside Tandem (posts, emails, reviewers' tasks), said if chosen. */
  realEffects?: string | null;
  /** The draft is published before the run starts (the start button says so). */
  publishFirst: boolean;
  /** Problems in a draft that would be published first; any at all and the run cannot start. */
  blockingProblems?: number;
  onShowProblems?: () => void;
  /** What publishing the draft switches on beyond this run (a schedule, a webhook), if anything. */
  turnsOn?: PublishTurnsOn | null;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => initialRunValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<RunMode>('test');
  const [failure, setFailure] = useState<string | null>(null);
  // Paused unless the designer says otherwise: trying a flow must not switch on its schedule.
  const [pauseSchedule, setPauseSchedule] = useState(true);
  const warning = publishFirst ? turnsOn : null;
  const pausing = warning?.kind === 'schedule' && pauseSchedule;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { input, errors: problems } = buildRunInput(fields, values);
    setErrors(problems);
    const invalid = firstInvalidField(fields, problems);
    if (invalid) {
      // The keyboard goes to what needs fixing; it stayed on the start button, which said nothing.
      document.getElementById(inputId(invalid))?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onStart(input, mode, { pauseSchedule: pausing });
      onClose();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'The run could not start');
    } finally {
      setBusy(false);
    }
  };

  if (blockingProblems > 0) {
    return (
      <Modal open={open} onClose={onClose} title="Test run">
        <div className="stack">
          <p className="run-blocked" role="alert" data-testid="run-blocked">
            <strong>This flow can’t run yet.</strong> Your draft has{' '}
            {problemCount(blockingProblems)} to fix first. A test run publishes the draft, and a
            draft with problems can’t be published.
          </p>
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" onClick={onShowProblems}>
              Show the problems
            </Button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal open={open} onClose={onClose} title="Test run">
      <form
        className="stack"
        onSubmit={submit}
        id="test-run-form"
        noValidate
        onKeyDown={(e) => {
          if (!isSubmitShortcut(e)) return;
          e.preventDefault();
          if (!busy) e.currentTarget.requestSubmit();
        }}
      >
        <p className="muted small">{note}</p>
        {fields.length === 0 && <p className="muted">This trigger has no input fields.</p>}
        {fields.map((f) => {
          const id = inputId(f.name);
          const set = (v: string) => setValues((all) => ({ ...all, [f.name]: v }));
          return (
            <Field
              key={f.name}
              label={f.label}
              htmlFor={id}
              help={f.help}
              error={errors[f.name]}
              required={f.required}
            >
              {f.kind === 'longtext' ? (
                <textarea
                  id={id}
                  rows={4}
                  value={values[f.name] ?? ''}
                  onChange={(e) => set(e.target.value)}
                />
              ) : f.kind === 'select' ? (
                <select id={id} value={values[f.name] ?? ''} onChange={(e) => set(e.target.value)}>
                  <option value="">Choose…</option>
                  {f.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type={f.kind === 'number' ? 'number' : f.kind === 'url' ? 'url' : 'text'}
                  value={values[f.name] ?? ''}
                  onChange={(e) => set(e.target.value)}
                />
              )}
            </Field>
          );
        })}
        {/* After the input, by the start button it names: the dialog opens in the first field,
            where the keyboard was before there was a choice. */}
        <RunModeChoice mode={mode} onChange={setMode} realEffects={realEffects} />
        {warning && (
          <PublishTurnsOnNote
            turnsOn={warning}
            pauseSchedule={pauseSchedule}
            onPauseSchedule={setPauseSchedule}
          />
        )}
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? 'Starting…' : startRunLabel(mode, publishFirst, pausing)}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
