import { conflict, notFound, type ListOptions, type Page } from '@tandem/schema';
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { Order } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { DocReader } from '../shared/doc-reader.js';
import { frozenJsonCopy } from '../shared/frozen-copy.js';
import { parseForWrite } from '../shared/validate.js';
import { ParsedDocs } from './parsed-docs.js';

export type SqlValue = string | number | null;

/** better-sqlite3 reports constraint failures with these codes. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Prepares each SQL text once per connection; list queries vary only by which filters are set.
 * It also knows the connection's caches of parsed rows, so a batch of writes rolled back as a
 * whole can empty them: a value written in that batch was kept as stored and never was.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();
  private readonly parsedCaches: { clear(): void }[] = [];

  constructor(readonly db: Database) {}

  /** Registers a cache of rows parsed on this connection. */
  keepParsed<C extends { clear(): void }>(cache: C): C {
    this.parsedCaches.push(cache);
    return cache;
  }

  forgetParsed(): void {
    for (const cache of this.parsedCaches) cache.clear();
  }

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export interface TableSpec<T> {
  table: string;
  what: string;
  schema: z.ZodType<T>;
  /** Indexed copies of entity fields, by column name. */
  columns: Record<string, (entity: T) => SqlValue>;
}

export interface PageQuery<T> {
  where: string[];
  params: SqlValue[];
  order: Order<T>;
  /** Columns holding `order.key`'s parts, in order. */
  orderColumns: string[];
  options: ListOptions | undefined;
}

/**
 * One table of revisioned entities: `id`, `revision`, `doc` and indexed columns. Every write
 * is a single statement, so it is its own transaction; the revision check sits in the UPDATE's
 * WHERE clause, so two writers from the same read cannot both match.
 *
 * A row whose stored document is exactly one this table wrote or parsed before is returned
 * from memory, frozen, without JSON parsing and schema checks: the engine re-reads a run and
 * its steps on every pass, and parsing them again was most of its read cost. Any other text
 * (another process's write, a damaged row) is parsed and checked afresh.
 */
export class SqliteTable<T extends { id: string; revision: number }> {
  readonly reader: DocReader<T>;
  private readonly columnNames: string[];
  private readonly columnValues: ((entity: T) => SqlValue)[];
  /** Bit i set: column i is SET by an UPDATE (see updateSetting). */
  private readonly allColumns: number;
  private readonly insertStmt: Statement;
  private readonly selectStmt: Statement<[string], { doc: string }>;
  private readonly parsed: ParsedDocs<T>;
  private readonly revisionStmt: Statement<[string], { revision: number }>;
  private readonly deleteStmt: Statement;
  /** UPDATEs by the set of indexed columns they SET, as a bit mask. */
  private readonly updates = new Map<number, Statement>();

  constructor(
    private readonly sql: StatementCache,
    private readonly spec: TableSpec<T>,
  ) {
    const { table } = spec;
    this.reader = new DocReader(spec.what, spec.schema);
    this.parsed = sql.keepParsed(new ParsedDocs<T>());
    this.columnNames = Object.keys(spec.columns);
    this.columnValues = Object.values(spec.columns);
    if (this.columnNames.length > 30) throw new Error(`${table} has too many indexed columns`);
    this.allColumns = 2 ** this.columnNames.length - 1;
    const cols = ['id', 'revision', 'doc', ...this.columnNames];
    const db = sql.db;
    // Positional parameters: binding by name cost about 1 µs more per write.
    this.insertStmt = db.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
    this.selectStmt = db.prepare(`SELECT doc FROM ${table} WHERE id = ?`);
    this.revisionStmt = db.prepare(`SELECT revision FROM ${table} WHERE id = ?`);
    this.deleteStmt = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  }

  create(entity: T): T {
    const value = { ...parseForWrite(this.spec.schema, entity, this.spec.what), revision: 0 };
    const doc = JSON.stringify(value);
    const columns = this.columnsOf(value);
    try {
      this.insertStmt.run(value.id, 0, doc, ...columns);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(this.spec.what, value.id, `${this.spec.what} ${value.id} already exists`);
      }
      throw error;
    }
    return this.rememberWritten(value.id, doc, value);
  }

  find(id: string): T | null {
    return this.fromRow(id, this.selectStmt.get(id));
  }

  get(id: string): T {
    const value = this.find(id);
    if (value === null) throw notFound(this.spec.what, id);
    return value;
  }

  update(entity: T): T {
    const parsed = parseForWrite(this.spec.schema, entity, this.spec.what);
    const value = { ...parsed, revision: parsed.revision + 1 };
    const doc = JSON.stringify(value);
    const columns = this.columnsOf(value);
    const previous = this.parsed.peek(value.id);
    const set =
      previous !== undefined && previous.revision === parsed.revision
        ? this.changedColumns(previous, columns)
        : this.allColumns;
    const args: SqlValue[] = [value.revision, doc];
    for (let i = 0; i < columns.length; i += 1) if (set & (1 << i)) args.push(columns[i]!);
    args.push(value.id, parsed.revision);
    let changes: number;
    try {
      changes = this.updateSetting(set).run(...args).changes;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(
          this.spec.what,
          value.id,
          `${this.spec.what} ${value.id} collides with another`,
        );
      }
      throw error;
    }
    if (changes === 0) {
      if (this.revisionStmt.get(value.id) === undefined) throw notFound(this.spec.what, value.id);
      throw conflict(this.spec.what, value.id);
    }
    return this.rememberWritten(value.id, doc, value);
  }

  /**
   * The indexed columns whose value differs from `previous`, the entity as stored at the
   * expected revision (a revision is written once, so its document is known). SQLite rewrites
   * the entry of every index whose column is SET, changed or not: for a step that meant four
   * index deletes and inserts per update where one (status) was needed.
   */
  private changedColumns(previous: T, columns: SqlValue[]): number {
    let set = 0;
    for (let i = 0; i < columns.length; i += 1) {
      if (this.columnValues[i]!(previous) !== columns[i]) set |= 1 << i;
    }
    return set;
  }

  /** The UPDATE that sets revision, doc and the columns in `set`, checking the revision. */
  private updateSetting(set: number): Statement {
    let statement = this.updates.get(set);
    if (statement === undefined) {
      const names = this.columnNames.filter((_, i) => set & (1 << i));
      const sets = ['revision', 'doc', ...names].map((c) => `${c} = ?`).join(', ');
      statement = this.sql.db.prepare(
        `UPDATE ${this.spec.table} SET ${sets} WHERE id = ? AND revision = ?`,
      );
      this.updates.set(set, statement);
    }
    return statement;
  }

  delete(id: string): void {
    this.parsed.forget(id);
    if (this.deleteStmt.run(id).changes === 0) throw notFound(this.spec.what, id);
  }

  /** Runs a cached SELECT returning `id, doc` rows and parses them. */
  query(sql: string, params: SqlValue[]): T[] {
    const rows = this.sql.get(sql).all(...params) as { id: string; doc: string }[];
    return rows.map((row) => this.fromRow(row.id, row) as T);
  }

  private fromRow(id: string, row: { doc: string } | undefined): T | null {
    if (row === undefined) return null;
    return this.parsed.read(id, row.doc, () => this.reader.parse(row, id) as T);
  }

  /**
   * What was just written, as later reads will see it: a frozen copy of the checked `value`
   * that `doc` was made from, so it shares nothing with the caller's input.
   */
  private rememberWritten(id: string, doc: string, value: T): T {
    return this.parsed.remember(id, doc, frozenJsonCopy(value) ?? (JSON.parse(doc) as T));
  }

  /** Keyset paging: rows strictly after the cursor in the list's order, one extra to peek. */
  page(q: PageQuery<T>): Page<T> {
    const limit = pageLimit(q.options);
    const after = decodeCursor(q.options?.cursor, q.order.shape);
    const where = [...q.where];
    const params = [...q.params];
    const dir = q.order.direction === 'asc' ? 'ASC' : 'DESC';
    if (after !== null) {
      const cols = q.orderColumns.join(', ');
      where.push(`(${cols}) ${dir === 'ASC' ? '>' : '<'} (${after.map(() => '?').join(', ')})`);
      params.push(...after);
    }
    const sql =
      `SELECT id, doc FROM ${this.spec.table}` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY ${q.orderColumns.map((c) => `${c} ${dir}`).join(', ')} LIMIT ?`;
    return toPage(this.query(sql, [...params, limit + 1]), limit, q.order.key);
  }

  private columnsOf(value: T): SqlValue[] {
    return this.columnValues.map((column) => column(value));
  }
}

/** `column IN (...)` for a list of any length with one stable SQL text. */
export function inList(column: string): string {
  return `${column} IN (SELECT value FROM json_each(?))`;
}

/**
 * The WHERE clauses of a list's optional filters: `equals` columns must match their value,
 * `anyOf` columns one of their values; filters left undefined are not applied.
 */
export function filterClauses(filters: {
  equals?: Record<string, SqlValue | undefined>;
  anyOf?: Record<string, readonly string[] | undefined>;
  /** Column at or above the value. */
  from?: Record<string, SqlValue | undefined>;
  /** Column below the value. */
  before?: Record<string, SqlValue | undefined>;
}): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  for (const [column, value] of Object.entries(filters.equals ?? {})) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  for (const [column, values] of Object.entries(filters.anyOf ?? {})) {
    if (values === undefined) continue;
    where.push(inList(column));
    params.push(JSON.stringify(values));
  }
  for (const [bounds, operator] of [
    [filters.from, '>='],
    [filters.before, '<'],
  ] as const) {
    for (const [column, value] of Object.entries(bounds ?? {})) {
      if (value === undefined) continue;
      where.push(`${column} ${operator} ?`);
      params.push(value);
    }
  }
  return { where, params };
}
