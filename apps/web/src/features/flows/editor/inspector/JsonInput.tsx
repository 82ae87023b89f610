import { useState } from 'react';

/** JSON edited as text: each edit that parses becomes the value; one that does not is flagged. */
export function JsonInput({
  id,
  value,
  onChange,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  value: unknown;
  onChange: (v: unknown) => void;
  readOnly: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  const [text, setText] = useState(() =>
    value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const [bad, setBad] = useState(false);
  return (
    <>
      <textarea
        id={id}
        className="mono"
        rows={4}
        value={text}
        readOnly={readOnly}
        aria-describedby={
          [bad ? `${id}-json` : undefined, describedBy].filter(Boolean).join(' ') || undefined
        }
        aria-invalid={invalid || bad || undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(e.target.value.trim() ? JSON.parse(e.target.value) : undefined);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && (
        <p className="field-error" id={`${id}-json`}>
          Not valid JSON yet
        </p>
      )}
    </>
  );
}
