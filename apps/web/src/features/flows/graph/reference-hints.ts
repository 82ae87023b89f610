import { unavailableReason } from '@tandem/nodes';
import type { VariableSuggestion } from './variables.js';

/*
 * Why a `{{ ... }}` reference finds nothing, said with the way out. "{{ input.product }} is not
 * available here: no earlier step or input field provides it" left a marketer guessing whether to
 * rename something, add something, or where.
 */

/** The flow's start step as the reasons name it: its type and what the designer sees it called. */
export interface StartStep {
  nodeType: string;
  title: string;
}

/** Where a start step's input values are added, in its own terms. */
function whereInputsAreAdded(start: StartStep, key: string): string {
  if (start.nodeType === 'trigger.schedule')
    return `is not one of the schedule’s input values: add a value named “${key}” to “${start.title}”`;
  if (start.nodeType === 'trigger.webhook')
    return `is not one of the fields “${start.title}” expects: add a field named “${key}” to it`;
  return `is not in the start form: add a field named “${key}” to “${start.title}”`;
}

/**
 * The reason `{{ name }}` finds nothing among `available`. `start` is the flow's start step when
 * it has one: an input it does not give is added there (a manual start's form, a schedule's
 * values, a webhook's expected fields).
 */
export function unknownReferenceReason(
  name: string,
  available: readonly VariableSuggestion[],
  start: StartStep | undefined,
): string {
  const [root, key] = name.split('.');
  if (root === 'input' && key && start) {
    const fields = available
      .filter((a) => a.group === 'Input' && !a.unlisted)
      .map((a) => a.path.slice(6));
    const has = fields.length ? ` (it has ${fields.join(', ')})` : '';
    return `${whereInputsAreAdded(start, key)}${has}, or insert one from the list`;
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
