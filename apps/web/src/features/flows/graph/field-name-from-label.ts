/*
 * A form field's name (the key it is read by, `{{ input.product_name }}`) follows its label
 * while the designer has not chosen a name of their own. A marketer types "Product name" as the
 * label and would otherwise meet a second, empty "Name" box that refuses spaces, with an error
 * that only the docs explain.
 */

const MAX_NAME = 40;

/** "Product name" → "product_name"; "2nd CTA" → "field_2nd_cta"; "" when no letter or digit. */
export function nameFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!words) return '';
  const name = /^[a-z]/.test(words) ? words : `field_${words}`;
  const cut = name.slice(0, MAX_NAME).replace(/_+$/, '');
  // `constructor`, `toString`, ...: names every object inherits are refused by the schema.
  return cut in Object.prototype ? `${cut.slice(0, MAX_NAME - 6)}_field` : cut;
}

/** Whether `name` is what `label` gives, with or without the number that kept it unique. */
function isNameOf(name: string, label: string): boolean {
  const base = nameFromLabel(label);
  return base !== '' && (name === base || new RegExp(`^${base}_\\d+$`).test(name));
}

/**
 * The item after an edit, its name following the label when the name was empty or still the one
 * the old label gave; a name the designer typed is kept. Another item's name is not reused:
 * "Topic" twice gives `topic` and `topic_2`.
 */
export function followLabel(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  otherNames: readonly unknown[],
): Record<string, unknown> {
  if (after.label === before.label || typeof after.label !== 'string') return after;
  if (after.name !== before.name) return after;
  const name = typeof before.name === 'string' ? before.name : '';
  const oldLabel = typeof before.label === 'string' ? before.label : '';
  if (name !== '' && !isNameOf(name, oldLabel)) return after;
  const base = nameFromLabel(after.label);
  let next = base;
  for (let n = 2; base && otherNames.includes(next); n++) {
    next = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
  }
  return { ...after, name: next };
}
