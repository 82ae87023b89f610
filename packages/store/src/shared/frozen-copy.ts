/**
 * A frozen deep copy of a JSON document, the same value `JSON.parse(JSON.stringify(value))`
 * gives, frozen; or `undefined` when `value` holds anything a JSON round trip would change
 * (a Date, a class instance, a non-finite number, a function, a `__proto__` key), and the
 * caller should parse the stored text instead.
 *
 * Why: a store keeps what it just wrote so later reads skip parsing. Parsing the text it had
 * just made, then walking the result again to freeze it, was about 6 % of the engine's CPU
 * under load; copying the checked value and freezing it in the same walk costs a fraction.
 */
export function frozenJsonCopy<T>(value: T): T | undefined {
  const copy = copyValue(value);
  return copy === NOT_JSON ? undefined : (copy as T);
}

const NOT_JSON = Symbol('not JSON');

function copyValue(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_JSON;
    case 'object':
      return Array.isArray(value) ? copyArray(value) : copyObject(value);
    default:
      return NOT_JSON;
  }
}

function copyArray(items: unknown[]): unknown {
  if (Object.getPrototypeOf(items) !== Array.prototype) return NOT_JSON;
  const copy: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    // JSON writes a missing or undefined item as null.
    const copied = item === undefined ? null : copyValue(item);
    if (copied === NOT_JSON) return NOT_JSON;
    copy[i] = copied;
  }
  return Object.freeze(copy);
}

function copyObject(value: object): unknown {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return NOT_JSON;
  const copy: Record<string, unknown> = {};
  // Object.keys is the order JSON.stringify writes keys in, so the copy's order matches too.
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    // JSON leaves out undefined fields; assigning `__proto__` would set the prototype.
    if (field === undefined) continue;
    if (key === '__proto__') return NOT_JSON;
    const copied = copyValue(field);
    if (copied === NOT_JSON) return NOT_JSON;
    copy[key] = copied;
  }
  return Object.freeze(copy);
}
