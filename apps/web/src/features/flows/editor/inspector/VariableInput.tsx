import type { VariableSuggestion } from '../../graph/variables.js';

/**
 * A field that names one earlier value (`steps.check.passed`): typed, or picked from the values
 * available at this step, each listed with what it is.
 */
export function VariableInput({
  id,
  value,
  onChange,
  suggestions,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  suggestions: readonly VariableSuggestion[];
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  return (
    <>
      <input
        id={id}
        type="text"
        list={`${id}-values`}
        autoComplete="off"
        spellCheck={false}
        placeholder="Choose or type a value"
        value={value}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-values`}>
        {suggestions.map((s) => (
          <option key={s.path} value={s.path} label={s.detail} />
        ))}
      </datalist>
    </>
  );
}
