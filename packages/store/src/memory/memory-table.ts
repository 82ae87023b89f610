import { conflict, notFound, type ListOptions, type Page } from '@tandem/schema';
import type { z } from 'zod';
import type { Order } from '../shared/orders.js';
import { compareKeys, decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { parseForWrite } from '../shared/validate.js';

export interface Revisioned {
  id: string;
  revision: number;
}

export interface MemoryTableSpec<T> {
  what: string;
  schema: z.ZodType<T>;
  /** Named unique keys besides the id, e.g. `(runId, nodeId, iteration)`. */
  uniques?: ((entity: T) => string)[];
}

/**
 * One in-memory table with the port's write rules. Values are cloned on the way in and out
 * so callers can never reach stored state through a reference they hold.
 */
export class MemoryTable<T extends Revisioned> {
  private readonly rows = new Map<string, T>();
  private readonly uniqueIndexes: Map<string, string>[];

  constructor(private readonly spec: MemoryTableSpec<T>) {
    this.uniqueIndexes = (spec.uniques ?? []).map(() => new Map());
  }

  create(entity: T): T {
    const value = { ...parseForWrite(this.spec.schema, entity, this.spec.what), revision: 0 };
    if (this.rows.has(value.id)) {
      throw conflict(this.spec.what, value.id, `${this.spec.what} ${value.id} already exists`);
    }
    this.checkUniques(value);
    this.store(value, null);
    return structuredClone(value);
  }

  find(id: string): T | null {
    const row = this.rows.get(id);
    return row === undefined ? null : structuredClone(row);
  }

  get(id: string): T {
    const row = this.find(id);
    if (row === null) throw notFound(this.spec.what, id);
    return row;
  }

  update(entity: T): T {
    const parsed = parseForWrite(this.spec.schema, entity, this.spec.what);
    const current = this.rows.get(parsed.id);
    if (current === undefined) throw notFound(this.spec.what, parsed.id);
    if (current.revision !== parsed.revision) throw conflict(this.spec.what, parsed.id);
    const value = { ...parsed, revision: parsed.revision + 1 };
    this.checkUniques(value);
    this.store(value, current);
    return structuredClone(value);
  }

  delete(id: string): void {
    const current = this.rows.get(id);
    if (current === undefined) throw notFound(this.spec.what, id);
    this.unindex(current);
    this.rows.delete(id);
  }

  findBy(predicate: (row: T) => boolean): T | null {
    for (const row of this.rows.values()) if (predicate(row)) return structuredClone(row);
    return null;
  }

  /** Matching rows in the order, cloned. */
  select(predicate: (row: T) => boolean, order: Order<T>): T[] {
    const sign = order.direction === 'asc' ? 1 : -1;
    return [...this.rows.values()]
      .filter(predicate)
      .sort((a, b) => sign * compareKeys(order.key(a), order.key(b)))
      .map((row) => structuredClone(row));
  }

  /** One page of matching rows after the cursor. */
  page(predicate: (row: T) => boolean, order: Order<T>, options?: ListOptions): Page<T> {
    const limit = pageLimit(options);
    const after = decodeCursor(options?.cursor, order.shape);
    const sign = order.direction === 'asc' ? 1 : -1;
    const rows = [...this.rows.values()]
      .filter(
        (row) =>
          predicate(row) && (after === null || sign * compareKeys(order.key(row), after) > 0),
      )
      .sort((a, b) => sign * compareKeys(order.key(a), order.key(b)))
      .slice(0, limit + 1)
      .map((row) => structuredClone(row));
    return toPage(rows, limit, order.key);
  }

  /** Rows as stored, for counting and aggregation only; callers must not keep or change them. */
  values(): IterableIterator<T> {
    return this.rows.values();
  }

  private checkUniques(value: T): void {
    (this.spec.uniques ?? []).forEach((keyOf, i) => {
      const owner = this.uniqueIndexes[i]?.get(keyOf(value));
      if (owner !== undefined && owner !== value.id) {
        throw conflict(
          this.spec.what,
          value.id,
          `${this.spec.what} ${keyOf(value)} already exists`,
        );
      }
    });
  }

  private store(value: T, previous: T | null): void {
    if (previous !== null) this.unindex(previous);
    const copy = structuredClone(value);
    this.rows.set(copy.id, copy);
    (this.spec.uniques ?? []).forEach((keyOf, i) =>
      this.uniqueIndexes[i]?.set(keyOf(copy), copy.id),
    );
  }

  private unindex(row: T): void {
    (this.spec.uniques ?? []).forEach((keyOf, i) => this.uniqueIndexes[i]?.delete(keyOf(row)));
  }
}
