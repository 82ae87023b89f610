import { AppError, type ListOptions, type Page } from '@tandem/schema';

/** A sort key: the values a list is ordered by, ending with the id as the tie-breaker. */
export type SortKey = (string | number)[];

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export function pageLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'limit must be a positive integer',
      origin: 'user',
      details: { issues: [{ path: ['limit'], message: 'Must be a positive integer' }] },
    });
  }
  return Math.min(limit, MAX_LIMIT);
}

/** Cursors are the sort key of the last item handed out, base64url-encoded JSON. */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function badCursor(): AppError {
  return new AppError({
    code: 'VALIDATION_FAILED',
    message: 'The cursor is not valid for this list',
    origin: 'user',
    details: { issues: [{ path: ['cursor'], message: 'Not a cursor from this list' }] },
  });
}

/** Decodes a cursor and checks it has the shape of this list's sort key. */
export function decodeCursor(cursor: string | undefined, shape: ('s' | 'n')[]): SortKey | null {
  if (cursor === undefined || cursor === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== shape.length) throw badCursor();
  shape.forEach((type, i) => {
    const part: unknown = value[i];
    const ok = type === 's' ? typeof part === 'string' : Number.isFinite(part);
    if (!ok) throw badCursor();
  });
  return value as SortKey;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that another
 * page exists, and the cursor is the key of the last row handed out.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (item: T) => SortKey): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1] as T)) };
}
