import { z } from 'zod';

/** Limits shared by every schema, so one place says how large any input may be. */
export const LIMITS = {
  id: 64,
  name: 200,
  shortText: 2_000,
  longText: 100_000,
  list: 1_000,
  jsonDepth: 20,
  jsonKeys: 5_000,
  graphNodes: 5_000,
  graphEdges: 20_000,
} as const;

/** Keys that would poison prototypes or smuggle MongoDB operators. */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' || key.startsWith('$');
}

export const IdSchema = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Use letters, digits, "_", "-", "." or ":" only');
export type Id = z.infer<typeof IdSchema>;

export const TimestampSchema = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof TimestampSchema>;

export const NameSchema = z.string().trim().min(1, 'Required').max(LIMITS.name);
export const ShortTextSchema = z.string().max(LIMITS.shortText);
export const LongTextSchema = z.string().max(LIMITS.longText);

/** Optimistic-concurrency counter: every stored write bumps it by one. */
export const RevisionSchema = z.number().int().min(0);

/**
 * Walks a free-form value once and reports forbidden keys, excessive depth and excessive size,
 * with the path of the offending key. Runs on the raw input, before any object is rebuilt, so a
 * `__proto__` key is seen as the own key JSON.parse made it.
 */
function checkSafeJson(value: unknown, ctx: z.RefinementCtx): void {
  let keys = 0;
  const walk = (node: unknown, path: (string | number)[], depth: number): void => {
    if (depth > LIMITS.jsonDepth) {
      ctx.addIssue({
        code: 'custom',
        message: `Nested deeper than ${LIMITS.jsonDepth} levels`,
        path,
      });
      return;
    }
    if (Array.isArray(node)) {
      if (node.length > LIMITS.list * 10) {
        ctx.addIssue({ code: 'custom', message: 'Too many items', path });
        return;
      }
      node.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        keys += 1;
        if (isForbiddenKey(key)) {
          ctx.addIssue({
            code: 'custom',
            message: `Key "${key}" is not allowed`,
            path: [...path, key],
          });
          continue;
        }
        walk((node as Record<string, unknown>)[key], [...path, key], depth + 1);
      }
      if (keys > LIMITS.jsonKeys) ctx.addIssue({ code: 'custom', message: 'Too many keys', path });
      return;
    }
    if (typeof node === 'string' && node.length > LIMITS.longText) {
      ctx.addIssue({ code: 'custom', message: 'Text is too long', path });
    }
  };
  walk(value, [], 0);
}

/** Free-form JSON (step outputs, task content): any JSON value with safe keys and sane size. */
export const SafeJsonSchema = z.unknown().superRefine(checkSafeJson).pipe(z.json());
export type SafeJson = z.infer<typeof SafeJsonSchema>;

/** Free-form JSON object (node configs, run inputs). */
export const SafeRecordSchema = z
  .unknown()
  .superRefine(checkSafeJson)
  .pipe(z.record(z.string().max(LIMITS.name), z.json()));
export type SafeRecord = z.infer<typeof SafeRecordSchema>;

/** A page of a list, newest first unless the repository says otherwise. */
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, absent on the last page. */
  nextCursor?: string;
}
