import type { NodeTypeMap } from './node-catalog.js';
import { upstreamOf, type GraphIndex } from './variables.js';

/*
 * A step that names the earlier step it works on ("Content to review": AI write) must name one
 * that runs before it. Publish refuses it otherwise; this says so while the designer edits, with
 * the way out, instead of a surprise "not published" after deleting or rewiring a step.
 */

/** The config keys that name an earlier step (the form shows them as a step picker). */
const isStepChoice = (key: string) => key === 'sourceNodeId' || key.endsWith('NodeId');

export interface StepChoiceProblem {
  path: [string];
  message: string;
}

/** What is wrong with each step a node's config names, if anything, in plain words. */
export function stepChoiceProblems(
  nodeId: string,
  config: Record<string, unknown>,
  index: GraphIndex,
  types: NodeTypeMap,
): StepChoiceProblem[] {
  const problems: StepChoiceProblem[] = [];
  let before: string[] | undefined;
  for (const [key, value] of Object.entries(config)) {
    if (!isStepChoice(key) || typeof value !== 'string' || value === '') continue;
    before ??= upstreamOf({ edges: [] }, nodeId, index.incoming);
    if (before.includes(value)) continue;
    const named = index.byId.get(value);
    const what = named
      ? `“${named.data.label ?? types.get(named.data.nodeType)?.title ?? value}” does not run before this step`
      : `the step “${value}” no longer exists`;
    problems.push({
      path: [key],
      message: `${capitalize(what)}. Choose an earlier step, or “Nearest earlier step (automatic)”`,
    });
  }
  return problems;
}

/**
 * How the step picker shows a chosen step it does not offer, in the words of that step's problem:
 * one still in the flow but not before this step, or one deleted from it.
 */
export const strayStepLabel = (id: string, inFlow: boolean): string =>
  inFlow ? `${id} (not before this step)` : `${id} (no longer exists — choose another)`;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
