/**
 * Whether a setting holds a value, for the hints that depend on a sibling being filled in
 * (`showWhenFilled`, `requiredUnlessFilled`): null, undefined and a blank or whitespace-only
 * string count as empty. The form and the step check share it, so the form never shows a
 * field beside a value the check calls empty.
 */
export function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && !value.trim());
}
