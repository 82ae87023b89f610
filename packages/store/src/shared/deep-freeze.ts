/**
 * Freezes a parsed document and everything in it. A cached value handed to many callers must
 * not be changed by one of them; frozen, such a change fails loudly (modules are strict mode).
 * Documents are parsed JSON: plain objects and arrays, walked without allocating.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (const item of value) deepFreeze(item);
    } else {
      for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
