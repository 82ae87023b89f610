import type { z } from 'zod';

/**
 * A zod schema compiled into a yes/no question: is this value already exactly what the
 * schema's parse would return? Yes means valid, with nothing to add (no default to fill), to
 * drop (no unknown key to strip) or to change (no transform); the value can then be stored as
 * it is. Anything else, or any schema kind this does not know, is "no", and the caller parses
 * with zod as before, which also words the errors.
 *
 * Why: every write is checked against its schema, and zod's parse builds a copy of the whole
 * document while it checks, with a result object per field. In the engine benchmark that was
 * about a tenth of the engine's CPU and a fifth of everything it allocated, for documents the
 * engine had built from checked parts and that nearly always pass.
 *
 * What is checked is zod's own: every refinement, length, format and number check runs
 * through the schema's own check functions; only the type tests at the bottom (is it a
 * string, a finite number, a plain object with only known keys) are written here, each the
 * same as or stricter than zod's. They are for plain data, as the store is given and JSON
 * gives back: objects and arrays with their own, enumerable properties. A non-enumerable or
 * inherited field, an array hole, is "no". (A getter that answers differently on each read,
 * or a Proxy that lies, is outside that; zod reads such a value once more than this does.)
 */
export type ExactCheck = (value: unknown) => boolean;

interface Payload {
  value: unknown;
  issues: unknown[];
}

type Accepts = (value: unknown, payload: Payload) => boolean;

interface ZodCheckInternals {
  _zod: {
    def: { check?: string; when?: (payload: Payload) => boolean };
    check: (payload: Payload) => unknown;
  };
}

interface ZodInternals {
  _zod: {
    def: Record<string, unknown> & { type: string; checks?: ZodCheckInternals[] };
    traits: Set<string>;
    values?: Set<unknown>;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
  };
}

const compiled = new WeakMap<object, ExactCheck | null>();
/** Each schema node compiled once, however many schemas share it. */
const compiledNodes = new WeakMap<object, Accepts | null>();

/** The exact check of `schema`, compiled once; null when the schema uses a kind not handled. */
export function exactCheckFor(schema: z.ZodType): ExactCheck | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    const accepts = compile(schema as unknown as ZodInternals, new Set());
    check = accepts
      ? (value) => {
          const payload: Payload = { value: undefined, issues: [] };
          return accepts(value, payload);
        }
      : null;
    compiled.set(schema, check);
  }
  return check;
}

function compile(schema: ZodInternals, compiling: Set<ZodInternals>): Accepts | null {
  const known = compiledNodes.get(schema);
  if (known !== undefined) return known;
  // A schema that contains itself (through a getter in its shape) is left to zod.
  if (compiling.has(schema)) return null;
  compiling.add(schema);
  try {
    const accepts = compileNode(schema, compiling);
    compiledNodes.set(schema, accepts);
    return accepts;
  } finally {
    compiling.delete(schema);
  }
}

function compileNode(schema: ZodInternals, compiling: Set<ZodInternals>): Accepts | null {
  const base = compileBase(schema, compiling);
  if (!base) return null;
  const checks = checksOf(schema);
  if (checks.length === 0) return base;
  // An overwrite on an object or array could change the caller's own value in place.
  const primitive = ['string', 'number', 'boolean', 'enum', 'literal'].includes(
    schema._zod.def.type,
  );
  if (!primitive && checks.some((check) => check._zod.def.check === 'overwrite')) return null;
  return (value, payload) => base(value, payload) && passesChecks(checks, value, payload);
}

/**
 * Whether zod runs checks for an absent optional field: those of the optional wrapper itself
 * and of any wrapper around it (it drops their result, but a throwing check still throws).
 */
function checksWhenAbsent(field: ZodInternals): boolean {
  for (let node = field; ; node = node._zod.def.innerType as ZodInternals) {
    if (checksOf(node).length > 0) return true;
    // Down through nullable wrappers to the optional one; zod stops there.
    if (node._zod.def.type !== 'nullable') return false;
  }
}

/** The checks zod runs after the type test: the schema itself first when it is one. */
function checksOf(schema: ZodInternals): ZodCheckInternals[] {
  const own = schema._zod.def.checks ?? [];
  return schema._zod.traits.has('$ZodCheck')
    ? [schema as unknown as ZodCheckInternals, ...own]
    : [...own];
}

function passesChecks(checks: ZodCheckInternals[], value: unknown, payload: Payload): boolean {
  for (const check of checks) {
    payload.value = value;
    const when = check._zod.def.when;
    if (when && !when(payload)) continue;
    const result = check._zod.check(payload);
    // An async check cannot be answered here; a check that rewrote the value (trim, say)
    // means the parse would return something else.
    if (result instanceof Promise) {
      result.catch(() => undefined);
      return false;
    }
    if (payload.issues.length > 0 || payload.value !== value) {
      payload.issues.length = 0;
      return false;
    }
  }
  return true;
}

function compileBase(schema: ZodInternals, compiling: Set<ZodInternals>): Accepts | null {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return def.coerce ? null : (value) => typeof value === 'string';
    case 'number':
      return def.coerce ? null : (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return def.coerce ? null : (value) => typeof value === 'boolean';
    case 'enum':
    case 'literal': {
      const values = schema._zod.values;
      return values ? (value) => values.has(value) : null;
    }
    // `z.custom()`: its own function runs as its first check.
    case 'custom':
      return () => true;
    case 'nullable': {
      const inner = compile(def.innerType as ZodInternals, compiling);
      return inner && ((value, payload) => value === null || inner(value, payload));
    }
    case 'optional': {
      const innerType = def.innerType as ZodInternals;
      // `.exactOptional()` refuses `undefined` itself; a defaulted inner fills it in.
      if (schema._zod.traits.has('$ZodExactOptional') || innerType._zod.optin === 'defaulted') {
        return null;
      }
      const inner = compile(innerType, compiling);
      return inner && ((value, payload) => value === undefined || inner(value, payload));
    }
    // Present, a default changes nothing; absent (or undefined), zod fills it in.
    case 'default': {
      const inner = compile(def.innerType as ZodInternals, compiling);
      return inner && ((value, payload) => value !== undefined && inner(value, payload));
    }
    case 'array': {
      const element = compile(def.element as ZodInternals, compiling);
      if (!element) return null;
      return (value, payload) => {
        if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) {
          return false;
        }
        for (let i = 0; i < value.length; i += 1) {
          const item = value[i];
          // A hole: zod's copy has `undefined` there, an own element.
          if (item === undefined && !(i in value)) return false;
          if (!element(item, payload)) return false;
        }
        return true;
      };
    }
    case 'object':
      return compileObject(def.shape as Record<string, ZodInternals>, compiling);
    default:
      return null;
  }
}

interface Field {
  key: string;
  accepts: Accepts;
  /** May be absent: optional in and out, as `.optional()` makes it (a default is filled in). */
  omittable: boolean;
}

/**
 * Strict, stripping and loose objects alike: only their known keys are accepted (a strict
 * one refuses others, the others would drop or keep them: either way zod decides).
 */
function compileObject(
  shape: Record<string, ZodInternals>,
  compiling: Set<ZodInternals>,
): Accepts | null {
  // zod also checks symbol keys (never in an entity): left to it.
  if (Object.getOwnPropertySymbols(shape).length > 0) return null;
  const fields: Field[] = [];
  for (const key of Object.keys(shape)) {
    const field = shape[key]!;
    if (key === '__proto__') return null;
    const accepts = compile(field, compiling);
    if (!accepts) return null;
    const omittable = field._zod.optin === 'optional' && field._zod.optout === 'optional';
    if (omittable && checksWhenAbsent(field)) return null;
    fields.push({ key, accepts, omittable });
  }
  const isOwnEnumerable = Object.prototype.propertyIsEnumerable;
  return (value, payload) => {
    // zod's copy is a plain object: so must the value be (no class, no null prototype).
    if (typeof value !== 'object' || value === null) return false;
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    const record = value as Record<string, unknown>;
    let present = 0;
    for (let i = 0; i < fields.length; i += 1) {
      const { key, accepts, omittable } = fields[i]!;
      if (!isOwnEnumerable.call(record, key)) {
        // Absent altogether is fine where `.optional()` allows it; hidden or inherited is not.
        if (omittable && !(key in record)) continue;
        return false;
      }
      const item = record[key];
      // zod's handling of a key present with `undefined` depends on the field: left to it.
      if (item === undefined || !accepts(item, payload)) return false;
      present += 1;
    }
    // The fields just counted are own and enumerable: any other key (unknown, or inherited
    // and enumerable) makes the count differ.
    let enumerable = 0;
    for (const _key in record) enumerable += 1;
    return enumerable === present;
  };
}
