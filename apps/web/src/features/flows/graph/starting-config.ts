import type { TandemEdge, TandemNode } from './flow-graph.js';
import type { NodeTypeMap } from './node-catalog.js';
import { upstreamOf } from './variables.js';

/** The rule a Branch starts with, naming a step that a flow built in the editor never has. */
const DEFAULT_RULE_PATH = 'steps.check.passed';

/**
 * The nodes with the step just added given a starting config that fits where it landed. A Branch
 * added after a check asks whether that check passed: its type's default names a step "check",
 * which the palette never creates (it names a brand check "brand"), so a new Branch arrived with
 * a warning about a step that does not exist.
 */
export function withStartingConfig(
  nodes: TandemNode[],
  edges: readonly TandemEdge[],
  addedId: string,
  types: NodeTypeMap,
): TandemNode[] {
  const added = nodes.find((n) => n.id === addedId);
  if (added?.data.nodeType !== 'logic.branch') return nodes;
  const rules = added.data.config.rules;
  const first = Array.isArray(rules) ? (rules[0] as { path?: unknown } | undefined) : undefined;
  if (!Array.isArray(rules) || rules.length !== 1 || first?.path !== DEFAULT_RULE_PATH)
    return nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const check = upstreamOf({ edges }, addedId).find(
    (id) => types.get(byId.get(id)?.data.nodeType ?? '')?.category === 'check',
  );
  if (!check) return nodes;
  const config = { ...added.data.config, rules: [{ ...first, path: `steps.${check}.passed` }] };
  return nodes.map((n) => (n.id === addedId ? { ...n, data: { ...n.data, config } } : n));
}
