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

/**
 * Characters a name never needs and a spoof uses: control characters (a line break or a tab
 * in a one-line name), zero-width spaces and word joiners that make two names look alike, and
 * the direction overrides that show a name's letters in another order than they are stored.
 * The zero-width joiner and non-joiner stay allowed: emoji and several scripts need them.
 */
const HIDDEN_OR_CONTROL =
  // Control characters are the point of this pattern.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u200B\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;

/**
 * A name as people type it (flows, users, connections, brand kits). Stored entities keep
 * `NameSchema`, so a row saved before this check still reads.
 */
export const NameInputSchema = NameSchema.refine((name) => !HIDDEN_OR_CONTROL.test(name), {
  message:
    'Remove control or invisible characters (line breaks, tabs, zero-width or direction marks)',
});
export const ShortTextSchema = z.string().max(LIMITS.shortText);
export const LongTextSchema = z.string().max(LIMITS.longText);

/** Optimistic-concurrency counter: every stored write bumps it by one. */
export const RevisionSchema = z.number().int().min(0);

/** A JSON value, as `z.json()` types it. */
export type JsonValue = z.core.util.JSONType;

/** An object JSON can hold: plain, or without a prototype (not a Date, Map or class instance). */
function isPlainObject(node: object): boolean {
  const proto = Object.getPrototypeOf(node) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * What a JSON walk enforces beyond "is JSON". `safe`: no forbidden key, nesting, text and key
 * count within LIMITS (input from users, nodes and models). `any`: JSON alone, as `z.json()`
 * took it (records of what was sent or done, which must never be refused after the fact).
 */
type JsonRules = 'safe' | 'any';

/** Far past any real document, short of the stack: a record this deep is refused, not walked. */
const ANY_JSON_DEPTH = 500;

/**
 * Walks a free-form value once: it must be JSON (strings, finite numbers, booleans, null,
 * arrays, plain objects) and, under the `safe` rules, with no forbidden key, not nested too
 * deep and not too big; each issue names the path of the offending value. Runs on the raw
 * input, so a `__proto__` key is seen as the own key JSON.parse made it.
 *
 * One walk instead of `z.json()`, whose recursive union tried every kind of value at every node:
 * it was the larger part of what checking a step, task or run cost on each write. The path is
 * copied only when there is an issue.
 */
function checkJson(value: unknown, ctx: z.RefinementCtx, rules: JsonRules): void {
  new JsonWalk(ctx, rules).walk(value, 0);
}

/**
 * One walk's state. A class rather than closures made on every check: the dev runtime (tsx)
 * names each closure it creates, which cost more than the walk itself on small documents.
 */
class JsonWalk {
  private keys = 0;
  private readonly path: (string | number)[] = [];
  private readonly safe: boolean;
  private readonly maxDepth: number;

  constructor(
    private readonly ctx: z.RefinementCtx,
    rules: JsonRules,
  ) {
    this.safe = rules === 'safe';
    this.maxDepth = this.safe ? LIMITS.jsonDepth : ANY_JSON_DEPTH;
  }

  walk(node: unknown, depth: number): void {
    if (depth > this.maxDepth) {
      this.issue(`Nested deeper than ${this.maxDepth} levels`);
      return;
    }
    switch (typeof node) {
      case 'string':
        if (this.safe && node.length > LIMITS.longText) this.issue('Text is too long');
        return;
      case 'number':
        if (!Number.isFinite(node)) this.issue('Not a JSON number (NaN or infinite)');
        return;
      case 'boolean':
        return;
      case 'object':
        break;
      default:
        this.issue(`Not a JSON value (${typeof node})`);
        return;
    }
    if (node === null) return;
    const path = this.path;
    if (Array.isArray(node)) {
      if (this.safe && node.length > LIMITS.list * 10) {
        this.issue('Too many items');
        return;
      }
      for (let i = 0; i < node.length; i += 1) {
        path.push(i);
        this.walk(node[i], depth + 1);
        path.pop();
      }
      return;
    }
    if (!isPlainObject(node)) {
      this.issue('Not a JSON object');
      return;
    }
    for (const key of Object.keys(node)) {
      this.keys += 1;
      if (this.safe && isForbiddenKey(key)) {
        this.issue(`Key "${key}" is not allowed`, key);
        continue;
      }
      path.push(key);
      this.walk((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
    if (this.safe && this.keys > LIMITS.jsonKeys) this.issue('Too many keys');
  }

  private issue(message: string, last?: string | number): void {
    this.ctx.addIssue({
      code: 'custom',
      message,
      path: last === undefined ? [...this.path] : [...this.path, last],
    });
  }
}

const checkSafeJson = (value: unknown, ctx: z.RefinementCtx) => checkJson(value, ctx, 'safe');

/** Free-form JSON (step outputs, task content): any JSON value with safe keys and sane size. */
export const SafeJsonSchema = z
  .custom<JsonValue>()
  .superRefine(checkSafeJson)
  // What API documentation shows for it: the check itself has no JSON Schema form.
  .meta({ description: 'Any JSON value' });
export type SafeJson = z.infer<typeof SafeJsonSchema>;

/** Whether `value` is an object (not an array, not null); when not, says so as an issue. */
function isObjectInput(value: unknown, ctx: z.RefinementCtx): value is Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
  ctx.addIssue({ code: 'custom', message: 'Expected an object' });
  return false;
}

/** What API documentation shows for a free-form object. */
const OBJECT_DOC = { type: 'object', additionalProperties: true, description: 'A JSON object' };

/** Free-form JSON object (node configs, run inputs). */
export const SafeRecordSchema = z
  .custom<Record<string, JsonValue>>()
  .superRefine((value, ctx) => {
    if (!isObjectInput(value, ctx)) return;
    for (const key of Object.keys(value)) {
      if (key.length > LIMITS.name) {
        ctx.addIssue({
          code: 'custom',
          message: `Keys are at most ${LIMITS.name} characters`,
          path: [key],
        });
      }
    }
    checkSafeJson(value, ctx);
  })
  .meta(OBJECT_DOC);
export type SafeRecord = z.infer<typeof SafeRecordSchema>;

/**
 * A JSON object recorded as it was: what a publish sent, an audit entry's details. It takes
 * what `z.json()` took (any keys, any size), since refusing a record after the act (a request
 * already delivered) would lose it; one walk instead of `z.json()`'s recursive union.
 */
export const JsonRecordSchema = z
  .custom<Record<string, JsonValue>>()
  .superRefine((value, ctx) => {
    if (isObjectInput(value, ctx)) checkJson(value, ctx, 'any');
  })
  .meta(OBJECT_DOC);

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
