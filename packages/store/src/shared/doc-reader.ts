import { AppError } from '@tandem/schema';
import type { z } from 'zod';
import { parseStored } from './validate.js';

/** Reads stored JSON documents back through the entity's schema. */
export class DocReader<T> {
  constructor(
    readonly what: string,
    readonly schema: z.ZodType<T>,
  ) {}

  parse(row: { doc: string } | undefined, id: string): T | null {
    if (row === undefined) return null;
    let value: unknown;
    try {
      value = JSON.parse(row.doc);
    } catch (cause) {
      throw new AppError({
        code: 'INTERNAL',
        message: `Stored ${this.what} ${id} is not valid JSON`,
        details: { id },
        cause,
      });
    }
    return parseStored(this.schema, value, this.what, id);
  }

  parseAll(rows: { doc: string; id?: string }[]): T[] {
    return rows.map((row) => this.parse(row, row.id ?? '?') as T);
  }
}
