import type { Flag } from '@tandem/schema';
import {
  flagsByRow,
  formatScalar,
  getAt,
  isScalar,
  isTable,
  labelOf,
  tableColumns,
  type FieldLabels,
  type Json,
  type JsonObject,
  type JsonPath,
  type JsonScalar,
  type TableColumn,
} from './structured-data.js';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

function worstOf(flags: readonly Flag[]): Flag['severity'] {
  return flags.reduce<Flag['severity']>(
    (worst, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst] ? f.severity : worst),
    'info',
  );
}

interface ViewContext {
  labels?: FieldLabels;
  flags: readonly Flag[];
  /** The value before the reviewer's edits: changed values are marked with what they were. */
  original?: Json;
}

/** A scalar as text, marked when the reviewer changed it. */
function ScalarText({ value, path, ctx }: { value: JsonScalar; path: JsonPath; ctx: ViewContext }) {
  const text = formatScalar(value);
  const before = ctx.original === undefined ? undefined : getAt(ctx.original, path);
  if (before === undefined || before === value || !isScalar(before)) return <>{text}</>;
  const was = formatScalar(before);
  return (
    <span className="structured-changed" title={`Was ${was}`}>
      {text}
      <span className="sr-only"> (changed, was {was})</span>
    </span>
  );
}

/** A table's column headings, the same when it is shown and when it is edited. */
export function TableHead({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function TableView({ rows, path, ctx }: { rows: JsonObject[]; path: JsonPath; ctx: ViewContext }) {
  const columns = tableColumns(rows, ctx.labels);
  const flagged = flagsByRow(rows, ctx.flags);
  return (
    <div className="structured-table-wrap">
      <table className="table structured-table">
        <TableHead columns={columns} />
        <tbody>
          {rows.map((row, i) => {
            const marks = flagged.get(i);
            const why = marks?.flags.map((f) => f.message).join('; ');
            return (
              <tr
                key={i}
                className={marks ? `is-flagged flag-row-${worstOf(marks.flags)}` : undefined}
                title={why}
              >
                {columns.map((c) => {
                  const cell = row[c.key];
                  const cellPath = [...path, i, c.key];
                  const content =
                    cell === undefined ? null : (
                      <ValueView value={cell} path={cellPath} ctx={ctx} />
                    );
                  return (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {marks?.keys.includes(c.key) ? (
                        <mark className={`flag-mark flag-${worstOf(marks.flags)}`}>
                          {content}
                          <span className="sr-only"> (flagged: {why})</span>
                        </mark>
                      ) : (
                        content
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ValueView({ value, path, ctx }: { value: Json; path: JsonPath; ctx: ViewContext }) {
  if (isScalar(value)) return <ScalarText value={value} path={path} ctx={ctx} />;
  if (isTable(value)) return <TableView rows={value} path={path} ctx={ctx} />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">None</span>;
    return (
      <ul className="structured-list">
        {value.map((item, i) => (
          <li key={i}>
            <ValueView value={item} path={[...path, i]} ctx={ctx} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl className="structured-fields">
      {Object.entries(value).map(([key, v]) => (
        <div key={key}>
          <dt>{labelOf(key, ctx.labels)}</dt>
          <dd className={typeof v === 'number' ? 'num' : undefined}>
            <ValueView value={v} path={[...path, key]} ctx={ctx} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Structured content as a person reads it: labelled fields, tables with numbers right-aligned in
 * the reader's locale, rows a check flagged marked with why, and values the reviewer changed
 * marked with what they were.
 */
export function StructuredView({
  value,
  labels,
  flags = [],
  original,
}: {
  value: Json;
  labels?: FieldLabels;
  flags?: readonly Flag[];
  original?: Json;
}) {
  const ctx: ViewContext = {
    flags,
    ...(labels ? { labels } : {}),
    ...(original !== undefined ? { original } : {}),
  };
  return (
    <div className="structured-data">
      <ValueView value={value} path={[]} ctx={ctx} />
    </div>
  );
}
