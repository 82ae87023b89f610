import type { ReactNode } from 'react';
import type { FormField } from '../../graph/schema-form.js';

const ROLE_LABEL: Record<string, string> = {
  admin: 'Admins',
  designer: 'Designers',
  reviewer: 'Reviewers',
  manager: 'Managers',
};

/** A yes-or-no setting as a switch, its label beside it. */
export function ToggleField({
  id,
  label,
  checked,
  onChange,
  readOnly,
  describedBy,
  className,
  notes,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  readOnly: boolean;
  describedBy: string | undefined;
  className: string;
  /** Help, errors and warnings. */
  notes: ReactNode;
}) {
  return (
    <div className={className}>
      <label className="toggle" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={readOnly}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="toggle-track" aria-hidden="true" />
        <span className="field-label">{label}</span>
      </label>
      {notes}
    </div>
  );
}

/** One choice of an enum, in the words its options give (a list of roles by their plural). */
export function OptionSelect({
  field,
  value,
  onChange,
  readOnly,
  ...common
}: {
  field: FormField;
  value: string;
  onChange: (value: string | undefined) => void;
  readOnly: boolean;
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
}) {
  const roles = field.options?.every((x) => ROLE_LABEL[x.value]);
  return (
    <select
      {...common}
      value={value}
      disabled={readOnly}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      {value === '' && <option value="">Choose…</option>}
      {field.options?.map((o) => (
        <option key={o.value} value={o.value}>
          {roles ? ROLE_LABEL[o.value] : o.label}
        </option>
      ))}
    </select>
  );
}

/** Several choices of an enum (roles, ...) as chips to tick. */
export function ChipsField({
  field,
  selected,
  onChange,
  readOnly,
  describedBy,
  className,
  notes,
}: {
  field: FormField;
  selected: string[];
  onChange: (value: string[]) => void;
  readOnly: boolean;
  describedBy: string | undefined;
  className: string;
  /** Help, errors and warnings. */
  notes: ReactNode;
}) {
  return (
    <fieldset className={className} aria-describedby={describedBy}>
      <legend className="field-label">{field.label}</legend>
      <div className="chip-group">
        {field.options?.map((o) => {
          const on = selected.includes(o.value);
          return (
            <label key={o.value} className={`chip${on ? ' on' : ''}`}>
              <input
                type="checkbox"
                checked={on}
                disabled={readOnly}
                onChange={() =>
                  onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value])
                }
              />
              {field.kind === 'roles' ? (ROLE_LABEL[o.value] ?? o.label) : o.label}
            </label>
          );
        })}
      </div>
      {notes}
    </fieldset>
  );
}
