import type { FieldOption } from '../../graph/schema-form.js';

/**
 * A text box that offers values to pick, each listed with what it is, and still takes one
 * typed by hand (a name the list does not know yet is not refused).
 */
export function SuggestInput({
  id,
  value,
  onChange,
  options,
  placeholder,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly FieldOption[];
  placeholder: string;
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
        placeholder={placeholder}
        value={value}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-values`}>
        {options.map((o) => (
          <option key={o.value} value={o.value} label={o.label} />
        ))}
      </datalist>
    </>
  );
}
