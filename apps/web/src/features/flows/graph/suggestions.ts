import type { FieldOption } from './schema-form.js';

/**
 * The choices a typed-or-picked box lists for what is typed: those whose value or description
 * holds it, in any case. Nothing typed yet, or the box just opened on its current value, lists
 * them all: the browser's own list only showed the choices matching the box, so a filled box hid
 * the others until it was cleared.
 */
export function matchingSuggestions(
  options: readonly FieldOption[],
  typed: string,
): readonly FieldOption[] {
  const q = typed.trim().toLowerCase();
  if (!q) return options;
  return options.filter(
    (o) => o.value.toLowerCase().includes(q) || o.label.toLowerCase().includes(q),
  );
}

/** The next highlighted choice for an arrow key, wrapping round; -1 is none. */
export function movedHighlight(current: number, count: number, key: 'ArrowDown' | 'ArrowUp') {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return current + 1 >= count ? 0 : current + 1;
  return current <= 0 ? count - 1 : current - 1;
}
