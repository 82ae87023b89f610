import { conflict, notFound, type ListOptions, type Page } from '@tandem/schema';
import mongoose, { type Model, type QueryFilter } from 'mongoose';
import type { z } from 'zod';
import type { Order } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage, type SortKey } from '../shared/paging.js';
import { parseForWrite } from '../shared/validate.js';
import { DocReader } from '../shared/doc-reader.js';
import type { Row } from './models.js';

export type FieldValue = string | number | boolean | null;

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/**
 * sanitizeFilter wraps any operator object in `$eq`, which defuses injected operators in
 * values; the operators this code writes itself are marked trusted.
 */
export function op<T>(operator: T): T {
  return mongoose.trusted(operator);
}

/** The filter for "strictly after `after`" in a compound order, as nested $or clauses. */
export function afterKey(
  fields: string[],
  after: SortKey,
  direction: 'asc' | 'desc',
): QueryFilter<Row> {
  const cmp = direction === 'asc' ? '$gt' : '$lt';
  return {
    $or: fields.map((field, i) => {
      const clause: Record<string, unknown> = {};
      fields.slice(0, i).forEach((earlier, j) => {
        clause[earlier] = after[j];
      });
      clause[field] = op({ [cmp]: after[i] });
      return clause;
    }),
  } as QueryFilter<Row>;
}

export interface CollectionSpec<T> {
  what: string;
  schema: z.ZodType<T>;
  /** Indexed copies of entity fields, by field name. */
  fields: Record<string, (entity: T) => FieldValue>;
}

/**
 * One collection of revisioned entities. Updates are conditional on the stored revision in
 * the filter of a single-document update, which MongoDB applies atomically: two writers from
 * the same read cannot both match.
 */
export class MongoTable<T extends { id: string; revision: number }> {
  readonly reader: DocReader<T>;

  constructor(
    readonly model: Model<Row>,
    private readonly spec: CollectionSpec<T>,
  ) {
    this.reader = new DocReader(spec.what, spec.schema);
  }

  async create(entity: T): Promise<T> {
    const value = { ...parseForWrite(this.spec.schema, entity, this.spec.what), revision: 0 };
    try {
      await this.model.create(this.row(value));
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw conflict(this.spec.what, value.id, `${this.spec.what} ${value.id} already exists`);
      }
      throw error;
    }
    // Its own copy: the checked value may share nested objects with the caller's entity.
    return structuredClone(value);
  }

  async find(id: string): Promise<T | null> {
    const row = await this.model.findOne({ _id: id }, { doc: 1 }).lean<{ doc: string }>();
    return this.reader.parse(row ?? undefined, id);
  }

  async get(id: string): Promise<T> {
    const value = await this.find(id);
    if (value === null) throw notFound(this.spec.what, id);
    return value;
  }

  async update(entity: T): Promise<T> {
    const parsed = parseForWrite(this.spec.schema, entity, this.spec.what);
    const value = { ...parsed, revision: parsed.revision + 1 };
    const { _id, ...set } = this.row(value);
    let matched: number;
    try {
      const result = await this.model.updateOne({ _id, revision: parsed.revision }, { $set: set });
      matched = result.matchedCount;
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw conflict(
          this.spec.what,
          value.id,
          `${this.spec.what} ${value.id} collides with another`,
        );
      }
      throw error;
    }
    if (matched === 0) {
      const exists = await this.model.exists({ _id });
      if (!exists) throw notFound(this.spec.what, value.id);
      throw conflict(this.spec.what, value.id);
    }
    return structuredClone(value);
  }

  async delete(id: string): Promise<void> {
    const { deletedCount } = await this.model.deleteOne({ _id: id });
    if (deletedCount === 0) throw notFound(this.spec.what, id);
  }

  async query(
    filter: QueryFilter<Row>,
    sort: Record<string, 1 | -1>,
    limit?: number,
  ): Promise<T[]> {
    let query = this.model.find(filter, { doc: 1 }).sort(sort);
    if (limit !== undefined) query = query.limit(limit);
    const rows = await query.lean<{ _id: string; doc: string }[]>();
    return rows.map((row) => this.reader.parse(row, row._id) as T);
  }

  /** Keyset paging over `fields` (the order's key parts), one extra row to peek. */
  async page(
    filter: QueryFilter<Row>,
    order: Order<T>,
    fields: string[],
    options: ListOptions | undefined,
  ): Promise<Page<T>> {
    const limit = pageLimit(options);
    const after = decodeCursor(options?.cursor, order.shape);
    const where: QueryFilter<Row> =
      after === null ? filter : { $and: [filter, afterKey(fields, after, order.direction)] };
    const dir = order.direction === 'asc' ? 1 : -1;
    const sort = Object.fromEntries(fields.map((f) => [f, dir])) as Record<string, 1 | -1>;
    return toPage(await this.query(where, sort, limit + 1), limit, order.key);
  }

  private row(value: T): Row {
    const row: Row = { _id: value.id, revision: value.revision, doc: JSON.stringify(value) };
    for (const [name, read] of Object.entries(this.spec.fields)) row[name] = read(value);
    return row;
  }
}
