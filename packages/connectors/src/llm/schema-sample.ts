/*
 * Builds a value that satisfies a JSON Schema (the subset zod's toJSONSchema and structured
 * outputs use: type, properties, required, items, enum, const, anyOf/oneOf/allOf, $ref, string
 * lengths and formats, numeric bounds, array sizes), deterministically from a seeded random
 * source and a few words of context. The offline provider answers JSON steps with it and the
 * fake OpenAI server answers unscripted JSON requests with it. `pattern` is honoured only
 * through `format` (zod adds patterns to its formats); free patterns are not generated.
 */

type Schema = Record<string, unknown>;

export interface SampleContext {
  /** Uniform in [0, 1), seeded: the same seed gives the same value. */
  random: () => number;
  /** A short title for title-like fields. */
  title: string;
  /** Sentences for text-like fields, cycled. */
  sentences: string[];
  /** Single words for tags, keywords and short fields. */
  words: string[];
}

/** 32-bit FNV-1a, enough to seed the sample from a prompt. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for picking sample values. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_DEPTH = 12;
const SHALLOW_DEPTH = 3;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function resolveRef(ref: string, root: Schema): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Schema)[part];
  }
  return node && typeof node === 'object' ? (node as Schema) : undefined;
}

function mergeAllOf(parts: Schema[]): Schema {
  const merged: Schema = {};
  const properties: Schema = {};
  const required = new Set<string>();
  for (const part of parts) {
    Object.assign(merged, part);
    Object.assign(properties, part.properties ?? {});
    for (const r of (part.required as string[] | undefined) ?? []) required.add(r);
  }
  delete merged.allOf;
  if (Object.keys(properties).length) merged.properties = properties;
  if (required.size) merged.required = [...required];
  return merged;
}

function fitLength(text: string, schema: Schema, ctx: SampleContext): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  let out = text;
  for (let i = 0; [...out].length < min && i < 1000; i++) {
    out += ` ${ctx.words[i % ctx.words.length] ?? 'text'}`;
  }
  if ([...out].length > max) out = [...out].slice(0, max).join('').trimEnd();
  // Trimming may have brought it under the minimum again; pad with a neutral letter.
  while ([...out].length < min) out += 'x';
  return out;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'item'
  );
}

function formatted(format: string, ctx: SampleContext, index: number): string | undefined {
  const day = 1 + Math.floor(ctx.random() * 28);
  const dd = String(day).padStart(2, '0');
  switch (format) {
    case 'email':
      return `${slug(ctx.words[index % Math.max(1, ctx.words.length)] ?? 'team')}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${slug(ctx.title)}`;
    case 'hostname':
      return 'example.com';
    case 'date-time':
      return `2026-01-${dd}T09:00:00Z`;
    case 'date':
      return `2026-01-${dd}`;
    case 'time':
      return '09:00:00';
    case 'ipv4':
      return `192.0.2.${1 + Math.floor(ctx.random() * 250)}`;
    case 'ipv6':
      return '2001:db8::1';
    case 'uuid': {
      const hex = Array.from({ length: 32 }, () => Math.floor(ctx.random() * 16).toString(16));
      hex[12] = '4';
      hex[16] = '8';
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    default:
      return undefined;
  }
}

function sampleString(schema: Schema, ctx: SampleContext, key: string, index: number): string {
  if (typeof schema.format === 'string') {
    const value = formatted(schema.format, ctx, index);
    if (value !== undefined) return value;
  }
  const name = key.toLowerCase();
  const sentence = (n: number): string => ctx.sentences[n % Math.max(1, ctx.sentences.length)]!;
  let text: string;
  if (/url|link|href/.test(name)) text = `https://example.com/${slug(ctx.title)}`;
  else if (/email/.test(name)) text = 'team@example.com';
  else if (/title|headline|subject|heading|name/.test(name)) text = ctx.title;
  else if (/tag|keyword|label|category|topic/.test(name)) {
    text = ctx.words[index % Math.max(1, ctx.words.length)] ?? 'general';
  } else if (
    /body|text|content|description|summary|post|copy|message|paragraph|reason/.test(name)
  ) {
    text = [sentence(index), sentence(index + 1)].join(' ');
  } else text = sentence(index);
  return fitLength(text || ctx.title || 'Draft', schema, ctx);
}

function sampleNumber(schema: Schema, ctx: SampleContext, integer: boolean): number {
  let min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  let max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const step = integer ? 1 : 0.01;
  if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + step;
  if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - step;
  const lo = min ?? (max !== undefined ? max - 100 : 0);
  const hi = max ?? lo + 100;
  const value = lo + ctx.random() * Math.max(0, hi - lo);
  if (integer) return Math.min(Math.max(Math.round(value), Math.ceil(lo)), Math.floor(hi));
  return Math.min(Math.max(Math.round(value * 100) / 100, lo), hi);
}

function sample(
  schemaIn: unknown,
  root: Schema,
  ctx: SampleContext,
  key: string,
  index: number,
  depth: number,
): unknown {
  if (schemaIn === true || schemaIn === undefined) return sampleString({}, ctx, key, index);
  if (!schemaIn || typeof schemaIn !== 'object') return null;
  let schema = schemaIn as Schema;
  if (typeof schema.$ref === 'string') {
    const target = depth < MAX_DEPTH ? resolveRef(schema.$ref, root) : undefined;
    if (!target) return null;
    schema = { ...target, ...schema, $ref: undefined };
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return pick(schema.enum, ctx.random);
  if (Array.isArray(schema.allOf)) schema = mergeAllOf([schema, ...(schema.allOf as Schema[])]);
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(options) && options.length) {
    // Prefer a non-null branch so the sample carries content; oneOf branches zod emits are
    // disjoint by type, so the first concrete one is valid.
    const chosen = options.find((o) => o.type !== 'null') ?? options[0]!;
    return sample(chosen, root, ctx, key, index, depth + 1);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const type =
    types.find((t) => t && t !== 'null') ??
    (types.includes('null')
      ? 'null'
      : schema.properties
        ? 'object'
        : schema.items
          ? 'array'
          : 'string');
  if (depth >= MAX_DEPTH) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return ctx.random() < 0.5;
    case 'integer':
      return sampleNumber(schema, ctx, true);
    case 'number':
      return sampleNumber(schema, ctx, false);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 3);
      // Nested arrays shrink to their minimum so recursive schemas ($ref trees) terminate.
      const wanted = depth < SHALLOW_DEPTH ? Math.max(1, min) + 1 : min;
      const count = Math.min(max, Math.max(min, wanted));
      const items: unknown[] = [];
      const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
      for (let i = 0; i < count; i++) {
        const itemSchema = prefix[i] ?? schema.items;
        let value = sample(itemSchema, root, ctx, key, index + i, depth + 1);
        if (schema.uniqueItems && typeof value === 'string' && items.includes(value)) {
          value = fitLength(`${value} ${i + 1}`, (itemSchema as Schema) ?? {}, ctx);
        }
        items.push(value);
      }
      return items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      let i = 0;
      for (const [name, child] of Object.entries(properties)) {
        out[name] = sample(child, root, ctx, name, index + i++, depth + 1);
      }
      return out;
    }
    default:
      return sampleString(schema, ctx, key, index);
  }
}

/** A value valid against `schema`, the same for the same schema and context seed. */
export function sampleFromSchema(schema: Record<string, unknown>, ctx: SampleContext): unknown {
  return sample(schema, schema, ctx, '', 0, 0);
}
