import { unavailableReason } from '@tandem/nodes';
import type { VariableSuggestion } from './variables.js';

/*
 * Why a `{{ ... }}` reference finds nothing, said with the way out. "{{ input.product }} is not
 * available here: no earlier step or input field provides it" left a marketer guessing whether to
 * rename something, add something, or where.
 */

/**
 * The reason `{{ name }}` finds nothing among `available`. `startForm` is the manual start step's
 * title when the flow has one (its form's fields are the run's input); a webhook start passes on
 * whatever was posted, so there is no form to add a field to.
 */
export function unknownReferenceReason(
  name: string,
  available: readonly VariableSuggestion[],
  startForm: string | undefined,
): string {
  const [root, key] = name.split('.');
  if (root === 'input' && key && startForm) {
    const fields = available.filter((a) => a.group === 'Input').map((a) => a.path.slice(6));
    const has = fields.length ? ` (it has ${fields.join(', ')})` : '';
    return `is not in the start form: add a field named “${key}” to “${startForm}”${has}, or insert one from the list`;
  }
  const stepPaths = available.filter((a) => a.group === 'Steps');
  if (root === 'steps' && key && !stepPaths.some((a) => a.path.split('.')[1] === key)) {
    const before = [
      ...new Map(
        stepPaths.map((a) => [
          a.path.split('.')[1]!,
          `${a.path.split('.')[1]} (${a.detail.split(':')[0]})`,
        ]),
      ).values(),
    ];
    return before.length
      ? `names no step that runs before this one; the steps before it are ${before.join(', ')}`
      : 'names no step that runs before this one: connect that step so it leads here';
  }
  return unavailableReason(name, available);
}
