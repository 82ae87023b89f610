import { useState } from 'react';

/** Terms as removable chips plus a box to add more (Enter or comma adds). */
export function StringList({
  id,
  values,
  onChange,
  readOnly,
  describedBy,
  invalid,
  itemErrors,
}: {
  id: string;
  values: string[];
  onChange: (v: string[]) => void;
  readOnly: boolean;
  describedBy?: string;
  invalid?: boolean;
  itemErrors: (i: number) => string | undefined;
}) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const parts = draft
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length) onChange([...values, ...parts.filter((p) => !values.includes(p))]);
    setDraft('');
  };
  return (
    <div className="string-list">
      {values.length > 0 && (
        <ul className="term-chips">
          {values.map((v, i) => (
            <li
              key={`${v}-${i}`}
              className={`term-chip${itemErrors(i) ? ' invalid' : ''}`}
              title={itemErrors(i)}
            >
              {v}
              {!readOnly && (
                <button
                  type="button"
                  aria-label={`Remove ${v}`}
                  onClick={() => onChange(values.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <input
          id={id}
          type="text"
          value={draft}
          placeholder="Type and press Enter"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && !draft && values.length) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={add}
        />
      )}
    </div>
  );
}
