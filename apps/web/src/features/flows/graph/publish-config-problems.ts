import { checkNodeConfig, defaultNodeRegistry } from '@tandem/nodes';
import type { ConfigProblem } from '@tandem/nodes';

/*
 * The forms are drawn from each type's JSON Schema, which cannot carry a node type's own rules
 * (zod refinements such as a repeated field name, and its `lint`: structured output without a
 * field, a table without a column). Those are read here from the node definitions themselves,
 * through the very function publish runs, so the Problems list cannot say "No problems" about a
 * flow publish refuses. Checks that need the server (does the saved connection exist?) are not
 * pure and stay with publish.
 */

const checked = new WeakMap<object, { nodeType: string; problems: readonly ConfigProblem[] }>();

/**
 * What publish says about one step's settings, in config paths (["fields", 0, "columns"]).
 * Empty for a type this build's catalog does not know: local validation names that itself.
 * Kept per config object (the editor replaces a config when it changes), so re-checking a
 * thousand-step flow after one edit parses only the edited step.
 */
export function publishConfigProblems(
  nodeType: string,
  config: Record<string, unknown>,
): readonly ConfigProblem[] {
  const known = checked.get(config);
  if (known?.nodeType === nodeType) return known.problems;
  const definition = defaultNodeRegistry.get(nodeType);
  const problems = definition ? checkNodeConfig(definition, config).problems : [];
  checked.set(config, { nodeType, problems });
  return problems;
}

/**
 * Whether the form's own check already names this place or the setting holding it: the form's
 * words ("Required", "Add at least one item") stay, and publish's only add what they miss.
 */
export function alreadyNamed(
  path: readonly (string | number)[],
  named: readonly { path: readonly (string | number)[] }[],
): boolean {
  return named.some((n) => n.path.length <= path.length && n.path.every((p, i) => p === path[i]));
}
