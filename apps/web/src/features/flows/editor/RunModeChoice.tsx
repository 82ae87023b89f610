import { RUN_MODES, type RunMode } from './run-effects.js';

/**
 * Test run or real run, as two radio cards: arrow keys move between them, as in any radio group.
 * What a real run does outside Tandem (`realEffects`) is said under its card, only once chosen.
 */
export function RunModeChoice({
  mode,
  onChange,
  realEffects,
}: {
  mode: RunMode;
  onChange: (mode: RunMode) => void;
  realEffects: string | null;
}) {
  return (
    <fieldset className="run-mode" data-testid="run-mode">
      <legend className="field-label">Kind of run</legend>
      {RUN_MODES.map((m) => {
        const id = `run-mode-${m.mode}`;
        return (
          <label
            key={m.mode}
            htmlFor={id}
            className={`run-mode-option${mode === m.mode ? ' is-chosen' : ''}`}
          >
            <input
              id={id}
              type="radio"
              name="run-mode"
              value={m.mode}
              checked={mode === m.mode}
              onChange={() => onChange(m.mode)}
              aria-describedby={`${id}-detail`}
            />
            <span>
              <strong>{m.title}</strong>{' '}
              <span id={`${id}-detail`} className="muted">
                — {m.detail}
              </span>
            </span>
          </label>
        );
      })}
      {mode === 'real' && realEffects && (
        <p className="run-real-effects" data-testid="run-real-effects" role="note">
          {realEffects}
        </p>
      )}
    </fieldset>
  );
}
