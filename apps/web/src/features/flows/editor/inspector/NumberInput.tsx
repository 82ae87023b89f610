import { useState } from 'react';

export interface NumberInputProps {
  id: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number | undefined;
  max?: number | undefined;
  step?: number | undefined;
  integer?: boolean | undefined;
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}

/**
 * A number box that keeps what the designer types until they leave it. Emptying the box removes
 * the value (an optional field goes back to its default on the server), but the default only
 * shows again on blur: shown at once, it came back under the caret, so "delete, type 2" made 12.
 */
export function NumberInput({
  id,
  value,
  onChange,
  min,
  max,
  step,
  integer,
  readOnly,
  describedBy,
  invalid,
}: NumberInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      id={id}
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      min={min}
      max={max}
      step={step}
      readOnly={readOnly}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      value={draft ?? (value === undefined ? '' : String(value))}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        onChange(text.trim() === '' ? undefined : Number(text));
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
