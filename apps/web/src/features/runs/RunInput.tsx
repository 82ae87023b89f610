import { useMemo } from 'react';
import { LongText } from './LongText.js';
import type { InputRow } from './run-view.js';

/**
 * The start form's answers as label and value; anything else as JSON. A webhook may start a run
 * with up to 1 MB of JSON: the run page laid all of it out at once, and wrote it out again every
 * second while the run went on.
 */
export function RunInput({ rows, input }: { rows: InputRow[] | null; input: unknown }) {
  const json = useMemo(() => (rows ? '' : JSON.stringify(input, null, 2)), [rows, input]);
  if (!rows) return <LongText text={json} className="ctx-output" />;
  if (rows.length === 0) return <p className="muted small">No input.</p>;
  return (
    <dl className="run-input">
      {rows.map((r) => (
        <div key={r.label}>
          <dt>{r.label}</dt>
          <dd>
            <LongText text={r.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
