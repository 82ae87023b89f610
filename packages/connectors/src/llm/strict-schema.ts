/*
 * Structured outputs' strict mode guarantees the reply matches the schema, but accepts only a
 * subset of JSON Schema: every object lists all of its properties as required and forbids
 * extra ones, unions are `anyOf`, and length, uniqueness and most format keywords are refused.
 * A schema whose structure fits is sent strict with the refused keywords removed (the node
 * validates the parsed output with zod anyway, so those constraints still hold); one that does
 * not fit (optional fields, oneOf/allOf) is sent non-strict as it is, which the API takes as
 * guidance rather than refusing the call.
 */

type Schema = Record<string, unknown>;

const MAX_DEPTH = 40;

/** Keywords strict mode refuses. */
const UNSUPPORTED = new Set([
  '$schema',
  '$id',
  'minLength',
  'maxLength',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'default',
  'examples',
]);
const FORMATS = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

function subschemas(node: Schema): unknown[] {
  const properties = (node.properties ?? {}) as Schema;
  return [
    ...Object.values(properties),
    node.items,
    ...(Array.isArray(node.anyOf) ? node.anyOf : []),
    ...(Array.isArray(node.prefixItems) ? node.prefixItems : []),
    ...(['$defs', 'definitions'] as const).flatMap((k) =>
      node[k] && typeof node[k] === 'object' ? Object.values(node[k] as object) : [],
    ),
  ];
}

/** Whether the schema's structure fits strict mode (see the module comment). */
export function isStrictCompatible(schema: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || schema === null || typeof schema !== 'object') return true;
  if (Array.isArray(schema)) return false;
  const node = schema as Schema;
  if (node.oneOf !== undefined || node.allOf !== undefined || node.not !== undefined) return false;
  if (node.if !== undefined || node.dependentSchemas !== undefined) return false;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('object') || node.properties !== undefined) {
    const properties = Object.keys((node.properties ?? {}) as Schema);
    const required = Array.isArray(node.required) ? node.required : [];
    if (node.additionalProperties !== false) return false;
    if (!properties.every((p) => required.includes(p))) return false;
  }
  return subschemas(node).every((child) => isStrictCompatible(child, depth + 1));
}

/** A copy without the keywords strict mode refuses; the structure is left as it is. */
export function toStrictSchema(schema: Schema, depth = 0): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (UNSUPPORTED.has(key)) continue;
    if (key === 'format' && !FORMATS.has(String(value))) continue;
    // zod pairs formats with long regexes strict mode may not compile; the format says enough.
    if (key === 'pattern' && schema.format !== undefined) continue;
    out[key] = depth > MAX_DEPTH ? value : strictValue(key, value, depth);
  }
  return out;
}

function strictValue(key: string, value: unknown, depth: number): unknown {
  const isSchema = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);
  if (key === 'properties' || key === '$defs' || key === 'definitions') {
    return Object.fromEntries(
      Object.entries(value as Schema).map(([k, v]) => [
        k,
        isSchema(v) ? toStrictSchema(v, depth + 1) : v,
      ]),
    );
  }
  if (key === 'items' && isSchema(value)) return toStrictSchema(value, depth + 1);
  if ((key === 'anyOf' || key === 'prefixItems') && Array.isArray(value)) {
    return value.map((v) => (isSchema(v) ? toStrictSchema(v, depth + 1) : v));
  }
  return value;
}
