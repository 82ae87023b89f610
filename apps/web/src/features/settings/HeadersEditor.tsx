import { Button } from '../../ui/index.js';
import { keepsStoredValue, newHeaderRow, type HeaderRow } from './connection-form.js';

/**
 * A webhook connection's custom headers. Values are where receivers' API keys go, so a stored
 * one is never shown: its box starts blank, and blank keeps it.
 */
export function HeadersEditor({
  idPrefix,
  rows,
  onChange,
}: {
  idPrefix: string;
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
}) {
  const update = (id: number, change: Partial<HeaderRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  return (
    <fieldset className="header-rows">
      <legend className="field-label">Headers</legend>
      <p className="field-help">
        Sent with every delivery, e.g. an API key. Values are stored encrypted and never shown
        again.
      </p>
      {rows.map((row, i) => {
        const n = i + 1;
        const placeholder = keepsStoredValue(row)
          ? 'stored — leave blank to keep'
          : row.storedName !== undefined
            ? 'renamed — enter the value again'
            : 'value';
        return (
          <div key={row.id} className="header-row">
            <input
              id={`${idPrefix}-h${row.id}-name`}
              aria-label={`Header ${n} name`}
              placeholder="X-Api-Key"
              autoComplete="off"
              value={row.name}
              onChange={(e) => update(row.id, { name: e.target.value })}
            />
            <input
              id={`${idPrefix}-h${row.id}-value`}
              aria-label={`Header ${n} value`}
              type="password"
              autoComplete="off"
              placeholder={placeholder}
              value={row.value}
              onChange={(e) => update(row.id, { value: e.target.value })}
            />
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove header ${row.name || n}`}
              onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, newHeaderRow()])}>
          Add header
        </Button>
      </div>
    </fieldset>
  );
}
