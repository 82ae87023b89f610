import { useEffect, useState } from 'react';
import {
  isScalar,
  isTable,
  labelOf,
  readCellInput,
  setAt,
  tableColumns,
  type FieldLabels,
  type Json,
  type JsonObject,
  type JsonPath,
  type JsonScalar,
  type TableColumn,
} from './structured-data.js';
import { TableHead } from './StructuredView.js';

interface EditContext {
  root: Json;
  labels?: FieldLabels;
  disabled: boolean;
  onChange: (next: Json) => void;
  onInvalid: (path: string, label: string | null) => void;
}

/** Text longer than this is edited in a box of lines, not a one-line field. */
const LONG_TEXT = 80;

/**
 * One value's input: a number field for numbers (its draft kept while it holds no number, and
 * reported, so approving cannot send the last good value silently), a checkbox for yes/no,
 * text otherwise (an empty field on a null value leaves it null, not ""). Keys and structure
 * are not editable.
 */
function CellInput({
  value,
  path,
  label,
  numeric,
  ctx,
}: {
  value: JsonScalar;
  path: JsonPath;
  label: string;
  numeric: boolean;
  ctx: EditContext;
}) {
  const shown = value === null ? '' : String(value);
  const [raw, setRaw] = useState(shown);
  // A paragraph (a summary, a rationale) keeps its line breaks and shows whole. Fixed when the
  // field opens: a box that turned into a one-line field mid-typing would drop the caret.
  const [multiline] = useState(
    () => typeof value === 'string' && (value.includes('\n') || value.length > LONG_TEXT),
  );
  const key = path.join('.');
  // The value changed from outside (undo edits, the JSON editor): show it.
  useEffect(() => {
    setRaw((current) => (readCellInput(current, numeric) === value ? current : shown));
  }, [shown, value, numeric]);
  if (typeof value === 'boolean') {
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={value}
        disabled={ctx.disabled}
        onChange={(e) => ctx.onChange(setAt(ctx.root, path, e.target.checked))}
      />
    );
  }
  const invalid = numeric && readCellInput(raw, true) === null;
  const onText = (text: string) => {
    setRaw(text);
    if (text === '' && value === null) return;
    ctx.onChange(setAt(ctx.root, path, text));
  };
  if (multiline) {
    return (
      <textarea
        className="structured-input"
        aria-label={label}
        value={raw}
        rows={Math.min(6, Math.max(2, Math.ceil(raw.length / 70) + raw.split('\n').length - 1))}
        disabled={ctx.disabled}
        onChange={(e) => onText(e.target.value)}
      />
    );
  }
  return (
    <input
      type={numeric ? 'number' : 'text'}
      step={numeric ? 'any' : undefined}
      className={numeric ? 'structured-input num' : 'structured-input'}
      aria-label={label}
      aria-invalid={invalid || undefined}
      value={raw}
      disabled={ctx.disabled}
      onChange={(e) => {
        const text = e.target.value;
        if (!numeric) {
          onText(text);
          return;
        }
        setRaw(text);
        const next = readCellInput(text, true);
        ctx.onInvalid(key, next === null ? label : null);
        if (next !== null) ctx.onChange(setAt(ctx.root, path, next));
      }}
    />
  );
}

function rowLabel(row: JsonObject, columns: readonly TableColumn[], index: number): string {
  const name = columns
    .map((c) => row[c.key])
    .find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return name ? name.trim() : `row ${index + 1}`;
}

function TableEditor({
  rows,
  path,
  ctx,
}: {
  rows: JsonObject[];
  path: JsonPath;
  ctx: EditContext;
}) {
  const columns = tableColumns(rows, ctx.labels);
  return (
    <div className="structured-table-wrap">
      <table className="table structured-table is-editing">
        <TableHead columns={columns} />
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const cell = row[c.key];
                return (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {cell !== undefined && isScalar(cell) && (
                      <CellInput
                        value={cell}
                        path={[...path, i, c.key]}
                        label={`${c.label}, ${rowLabel(row, columns, i)}`}
                        numeric={typeof cell === 'number'}
                        ctx={ctx}
                      />
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ValueEditor({
  value,
  path,
  label,
  ctx,
}: {
  value: Json;
  path: JsonPath;
  label: string;
  ctx: EditContext;
}) {
  if (isScalar(value))
    return (
      <CellInput
        value={value}
        path={path}
        label={label}
        numeric={typeof value === 'number'}
        ctx={ctx}
      />
    );
  if (isTable(value)) return <TableEditor rows={value} path={path} ctx={ctx} />;
  if (Array.isArray(value))
    return (
      <ol className="structured-list is-editing">
        {value.map((item, i) => (
          <li key={i}>
            <ValueEditor value={item} path={[...path, i]} label={`${label} ${i + 1}`} ctx={ctx} />
          </li>
        ))}
      </ol>
    );
  return (
    <dl className="structured-fields is-editing">
      {Object.entries(value).map(([key, v]) => {
        const fieldLabel = labelOf(key, ctx.labels);
        return (
          <div key={key}>
            <dt>{fieldLabel}</dt>
            <dd>
              <ValueEditor value={v} path={[...path, key]} label={fieldLabel} ctx={ctx} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * Edits structured content's values in place, keys and structure fixed (check
 * `isInPlaceEditable` first). `onInvalid` hears the labels of number fields that hold no number.
 */
export function StructuredEditor({
  value,
  labels,
  disabled = false,
  onChange,
  onInvalidChange,
}: {
  value: Json;
  labels?: FieldLabels;
  disabled?: boolean;
  onChange: (next: Json) => void;
  onInvalidChange?: (labels: string[]) => void;
}) {
  const [invalid, setInvalid] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    onInvalidChange?.([...invalid.values()]);
  }, [invalid, onInvalidChange]);
  // Leaving the editor drops its unreadable drafts: the content keeps the last good values.
  useEffect(() => () => onInvalidChange?.([]), [onInvalidChange]);
  const ctx: EditContext = {
    root: value,
    disabled,
    onChange,
    ...(labels ? { labels } : {}),
    onInvalid: (path, label) =>
      setInvalid((current) => {
        if ((current.get(path) ?? null) === label) return current;
        const next = new Map(current);
        if (label === null) next.delete(path);
        else next.set(path, label);
        return next;
      }),
  };
  return (
    <div className="structured-data">
      <ValueEditor value={value} path={[]} label="Value" ctx={ctx} />
    </div>
  );
}
