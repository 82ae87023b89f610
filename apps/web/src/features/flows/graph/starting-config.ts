import type { TandemEdge, TandemNode } from './flow-graph.js';
import type { NodeTypeMap } from './node-catalog.js';
import { upstreamOf } from './variables.js';

/** The rule a Branch starts with, naming a step that a flow built in the editor never has. */
const DEFAULT_RULE_PATH = 'steps.check.passed';

/** The start-form field the types' defaults write about ("about {{ input.topic }}"). */
const DEFAULT_INPUT = /\{\{\s*input\.topic\s*\}\}/g;

/**
 * The nodes with the step just added given a starting config that fits where it landed. A Branch
 * added after a check asks whether that check passed: its type's default names a step "check",
 * which the palette never creates (it names a brand check "brand"), so a new Branch arrived with
 * a warning about a step that does not exist. Likewise an AI step's prompt or an email's subject
 * names the start form's first field, not the "topic" of the types' defaults, which a designer
 * who renamed that field ("Brief") saw flagged on every step they added.
 */
export function withStartingConfig(
  nodes: TandemNode[],
  edges: readonly TandemEdge[],
  addedId: string,
  types: NodeTypeMap,
): TandemNode[] {
  const added = nodes.find((n) => n.id === addedId);
  if (!added) return nodes;
  if (added.data.nodeType !== 'logic.branch') return withStartFormField(nodes, edges, added);
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

/** The added step's default `{{ input.topic }}` made `{{ input.<first field> }}` of a form without "topic". */
function withStartFormField(
  nodes: TandemNode[],
  edges: readonly TandemEdge[],
  added: TandemNode,
): TandemNode[] {
  const config = added.data.config;
  const strings = Object.entries(config).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1].search(DEFAULT_INPUT) >= 0,
  );
  if (!strings.length) return nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const starts = nodes.filter((n) => n.data.nodeType === 'trigger.manual');
  // The start it runs after; one not yet connected takes the flow's only start form.
  const start =
    upstreamOf({ edges }, added.id)
      .map((id) => byId.get(id))
      .find((n) => n?.data.nodeType === 'trigger.manual') ??
    (starts.length === 1 ? starts[0] : undefined);
  const fields = start?.data.config.fields;
  const names = Array.isArray(fields)
    ? fields.map((f) => (f as { name?: unknown }).name).filter((n) => typeof n === 'string' && n)
    : [];
  if (!names.length || names.includes('topic')) return nodes;
  const field = `{{ input.${String(names[0])} }}`;
  const fitted = { ...config };
  for (const [key, text] of strings) fitted[key] = text.replace(DEFAULT_INPUT, field);
  return nodes.map((n) => (n.id === added.id ? { ...n, data: { ...n.data, config: fitted } } : n));
}
