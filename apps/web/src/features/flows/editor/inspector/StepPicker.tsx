import { strayStepLabel } from '../../graph/step-choice-problems.js';

/**
 * The picker of the earlier step a step works on. A chosen step it cannot offer (not before this
 * one, or deleted) stays shown as chosen, labelled with what is wrong, rather than silently
 * becoming "automatic": the field's problem says the same and how to fix it.
 */
export function StepPicker({
  common,
  value,
  onChange,
  upstream,
  stepIds,
  readOnly,
}: {
  /** id, aria-describedby and aria-invalid, as the form gives every control. */
  common: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };
  value: string;
  onChange: (value: string) => void;
  upstream: { id: string; title: string }[];
  stepIds: ReadonlySet<string>;
  readOnly: boolean;
}) {
  return (
    <select
      {...common}
      value={value}
      disabled={readOnly}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Nearest earlier step (automatic)</option>
      {upstream.map((n) => (
        <option key={n.id} value={n.id}>
          {n.title} ({n.id})
        </option>
      ))}
      {value && !upstream.some((n) => n.id === value) && (
        <option value={value}>{strayStepLabel(value, stepIds.has(value))}</option>
      )}
    </select>
  );
}
