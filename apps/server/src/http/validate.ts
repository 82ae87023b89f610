import { z } from 'zod';
import { validationError } from '@tandem/schema';

/*
 * Every boundary parses with a zod schema. A failure becomes 400 VALIDATION_FAILED whose
 * details list each field path, prefixed with where the field was (`body`, `query`, `params`)
 * only in the message so clients can map `path` straight onto their form fields.
 */

/**
 * The message names the first problem too (`The request body is not valid: name: Too big...`):
 * a client that shows only the message (a script, a log line) otherwise learns nothing.
 */
function invalidMessage(
  where: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const [first] = issues;
  if (!first) return `The request ${where} is not valid`;
  const field = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `The request ${where} is not valid: ${field}${first.message}${more}`;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error.issues, invalidMessage(where, result.error.issues));
}

export const parseBody = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> =>
  parseWith(schema, body ?? {}, 'body');

export const parseQuery = <S extends z.ZodType>(schema: S, query: unknown): z.output<S> =>
  parseWith(schema, query ?? {}, 'query');

export const parseParams = <S extends z.ZodType>(schema: S, params: unknown): z.output<S> =>
  parseWith(schema, params, 'path');

export const parseHeaders = <S extends z.ZodType>(schema: S, headers: unknown): z.output<S> =>
  parseWith(schema, headers, 'header');

/** Query values may repeat (`?status=open&status=decided`) or be comma-separated. */
export function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  const cleaned = parts.map((p) => p.trim()).filter(Boolean);
  return cleaned.length ? cleaned : undefined;
}

/** An optional query list of enum values: `?status=open,decided` or repeated keys. */
export const queryList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(listParam, z.array(z.enum(values))).optional();
