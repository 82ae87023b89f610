export const OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
  'is_true',
  'is_false',
  'is_empty',
  'is_not_empty',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  path: string;
  operator: Operator;
  value?: string | undefined;
}

/** Reads `steps.check.passed` style paths; only own properties, so nothing leaks from prototypes. */
export function readPath(scope: unknown, path: string): unknown {
  let current: unknown = scope;
  for (const segment of path.split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

function sameValue(actual: unknown, expected: string): boolean {
  if (typeof actual === 'number') return asNumber(expected) === actual;
  if (typeof actual === 'boolean') return String(actual) === expected.trim().toLowerCase();
  if (typeof actual === 'string')
    return actual.trim().toLowerCase() === expected.trim().toLowerCase();
  return false;
}

function contains(actual: unknown, expected: string): boolean {
  if (typeof actual === 'string') return actual.toLowerCase().includes(expected.toLowerCase());
  if (Array.isArray(actual)) return actual.some((item) => sameValue(item, expected));
  return false;
}

/** Evaluates one rule; comparisons are case-insensitive and never run code. */
export function evaluateCondition(scope: unknown, condition: Condition): boolean {
  const actual = readPath(scope, condition.path);
  const expected = condition.value ?? '';
  switch (condition.operator) {
    case 'equals':
      return sameValue(actual, expected);
    case 'not_equals':
      return !sameValue(actual, expected);
    case 'contains':
      return contains(actual, expected);
    case 'not_contains':
      return !contains(actual, expected);
    case 'greater_than': {
      const [a, b] = [asNumber(actual), asNumber(expected)];
      return a !== null && b !== null && a > b;
    }
    case 'less_than': {
      const [a, b] = [asNumber(actual), asNumber(expected)];
      return a !== null && b !== null && a < b;
    }
    case 'is_true':
      return actual === true || actual === 'true';
    case 'is_false':
      return actual === false || actual === 'false';
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
  }
}
