import { isFilled } from './filled.js';
import type { FormField } from './schema-form.js';

/*
 * How the step settings form lays out the fields buildFormFields makes: which show beside the
 * values of their siblings, which sit in the Advanced group, what a list's items are titled and
 * what a new item starts with.
 */

/**
 * Whether a field is shown beside these sibling values: a `showWhen` hint names sibling keys and
 * the values that make the field matter (a sibling left out counts as its default), and a
 * `showWhenFilled` hint the siblings that must hold a value at all.
 */
export function isFieldShown(
  field: FormField,
  siblings: readonly FormField[],
  values: Record<string, unknown>,
): boolean {
  const filled = field.schema.showWhenFilled as string[] | undefined;
  if (filled && !filled.every((key) => isFilled(values[key]))) return false;
  const when = field.schema.showWhen as Record<string, unknown[]> | undefined;
  if (!when) return true;
  return Object.entries(when).every(([key, allowed]) => {
    const value = values[key] ?? siblings.find((f) => f.key === key)?.schema.default;
    return allowed.includes(value);
  });
}

/**
 * What an item of a list is titled: its own label or name when it has one ("Topic", "changes"),
 * else its place in the list ("Field 2"). Ten items all called "Field n" had to be opened one
 * by one to find the one to change.
 */
export function itemTitle(item: unknown, itemLabel: string, index: number): string {
  if (item && typeof item === 'object') {
    const { label, name } = item as Record<string, unknown>;
    for (const words of [label, name]) {
      if (typeof words === 'string' && words.trim()) return words.trim();
    }
  }
  return `${itemLabel} ${index + 1}`;
}

/**
 * The fields in the order the form shows them: the common ones, then the advanced ones (model,
 * temperature, ...) that sit in a collapsed group, each part in declaration order.
 */
export function groupFields(fields: readonly FormField[]): {
  common: FormField[];
  advanced: FormField[];
} {
  return {
    common: fields.filter((f) => f.group !== 'advanced'),
    advanced: fields.filter((f) => f.group === 'advanced'),
  };
}

/** Whether a problem is keyed at this field or inside it ("headers" holds "headers.0.name"). */
export function hasProblemAt(problems: Record<string, string>, path: string): boolean {
  return Object.keys(problems).some((key) => key === path || key.startsWith(`${path}.`));
}

/** An empty item for an object list, from its fields' defaults. */
export function emptyItem(fields: readonly FormField[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.schema.default !== undefined) item[f.key] = structuredClone(f.schema.default);
    else if (f.kind === 'boolean') item[f.key] = false;
    else if (f.kind === 'select' && f.options?.[0]) item[f.key] = f.options[0].value;
    else if (f.kind === 'string-list' || f.kind === 'roles' || f.kind === 'multiselect')
      item[f.key] = [];
    else if (['text', 'textarea', 'template', 'variable', 'output-field'].includes(f.kind))
      item[f.key] = '';
  }
  return item;
}
