import { AppError, validationError } from '@tandem/schema';
import type { z } from 'zod';
import { exactCheckFor } from './exact-check.js';

/**
 * Checks an entity before it is written, so a bad value is refused at the door, not on read.
 * A value that is already exactly what the parse would return comes back as it is (the same
 * object, not a copy: see exact-check.ts); anything else goes through zod's parse.
 */
export function parseForWrite<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  if (exactCheckFor(schema)?.(value)) return value as z.output<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues, `${what} is not valid`);
  return result.data;
}

/**
 * Parses a row read back from storage. A row that no longer matches its schema means the data
 * was damaged or written by something else: fail loudly instead of handing it on.
 */
export function parseStored<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  id: string,
): z.output<S> {
  // Freshly parsed JSON nobody else holds: when it is already what zod would return, it is
  // handed on as it is (a row written before a field got a default still goes through zod).
  if (exactCheckFor(schema)?.(value)) return value as z.output<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError({
      code: 'INTERNAL',
      message: `Stored ${what} ${id} does not match its schema`,
      details: {
        id,
        issues: result.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: i.message,
        })),
      },
    });
  }
  return result.data;
}
