/**
 * Freezes a parsed document and everything in it. A cached value handed to many callers must
 * not be changed by one of them; frozen, such a change fails loudly (modules are strict mode).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
