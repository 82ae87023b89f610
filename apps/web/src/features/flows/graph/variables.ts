import { isAvailable, runInputsOf, stepOutputsOf, templateReferences } from '@tandem/nodes';
import type { NodeTypeMap } from './node-catalog.js';

export interface VariableSuggestion {
  /** What goes between the braces, e.g. "input.topic" or "steps.draft.text". */
  path: string;
  /** Plain words shown beside it in the list. */
  detail: string;
  group: 'Input' | 'Steps' | 'Content' | 'Run' | 'Brand';
  /** Its parts are all listed apart (a structured AI step's `data`): no other part exists. */
  closed?: boolean;
  /**
   * Another name of a value listed under that path (a manual start's fields are the run's
   * input): valid where written, left out of the lists a designer picks from.
   */
  sameAs?: string;
  /**
   * Stands for values that cannot be listed one by one (whatever a webhook start is posted):
   * anything beneath it is valid where written, and it is left out of the lists.
   */
  unlisted?: boolean;
}

interface GraphLike {
  nodes: readonly {
    id: string;
    data: { nodeType: string; label?: string; config: Record<string, unknown> };
  }[];
  edges: readonly { source: string; target: string }[];
}

export interface GraphIndex {
  byId: Map<string, GraphLike['nodes'][number]>;
  incoming: Map<string, string[]>;
}

/** Lookups shared by every node's suggestions, so checking a large flow stays linear. */
export function indexGraph(graph: GraphLike): GraphIndex {
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = incoming.get(e.target);
    if (list) list.push(e.source);
    else incoming.set(e.target, [e.source]);
  }
  return { byId: new Map(graph.nodes.map((n) => [n.id, n])), incoming };
}

/** Every node that can run before `nodeId`, nearest first (breadth-first over incoming edges). */
export function upstreamOf(
  graph: Pick<GraphLike, 'edges'>,
  nodeId: string,
  incoming: Map<string, string[]> = indexGraph({ nodes: [], edges: graph.edges }).incoming,
): string[] {
  const order: string[] = [];
  const seen = new Set<string>([nodeId]);
  const queue = [...(incoming.get(nodeId) ?? [])];
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i]!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    queue.push(...(incoming.get(id) ?? []));
  }
  return order;
}

const BRAND_VARIABLES: VariableSuggestion[] = [
  { path: 'brand.voice', detail: 'Brand voice', group: 'Brand' },
  { path: 'brand.audience', detail: 'Target audience', group: 'Brand' },
  { path: 'brand.name', detail: 'Brand name', group: 'Brand' },
];

/*
 * A publish step's templates see the approved content and the run, never other steps' outputs
 * (unapproved AI text must not slip past the checkpoint): `steps.*` renders empty there.
 */
const PUBLISH_VARIABLES: VariableSuggestion[] = [
  { path: 'content.text', detail: 'The approved text', group: 'Content' },
  { path: 'content.data', detail: 'The approved structured fields', group: 'Content' },
  { path: 'run.id', detail: 'Run id', group: 'Run' },
];

/**
 * What a template in node `nodeId` may reference: the run's input fields (from the trigger's
 * form), the outputs of every step that runs before it (for a publish step: the approved
 * content and the run instead), and the brand kit.
 */
export function variableSuggestions(
  graph: GraphLike,
  nodeId: string,
  types?: NodeTypeMap,
  index: GraphIndex = indexGraph(graph),
): VariableSuggestion[] {
  const { byId } = index;
  const suggestions: VariableSuggestion[] = [];
  suggestions.push(...runInputSuggestions(graph, types));
  const node = byId.get(nodeId);
  if (node && types?.get(node.data.nodeType)?.category === 'publish') {
    return [...PUBLISH_VARIABLES, ...suggestions, ...BRAND_VARIABLES];
  }
  for (const id of upstreamOf(graph, nodeId, index.incoming)) {
    const node = byId.get(id);
    if (!node) continue;
    const title = node.data.label || types?.get(node.data.nodeType)?.title || node.data.nodeType;
    const outputs = stepOutputsOf(node.data.nodeType, node.data.config);
    // Outputs not known (a webhook start passes on what was posted): any field of it may be read.
    if (!outputs) {
      suggestions.push({
        path: `steps.${id}`,
        detail: `${title}: all it passed on`,
        group: 'Steps',
      });
    }
    const isManualStart = node.data.nodeType === 'trigger.manual';
    for (const out of outputs ?? []) {
      suggestions.push({
        path: `steps.${id}.${out.key}`,
        detail: `${title}: ${out.detail}`,
        group: 'Steps',
        ...(out.closed ? { closed: true } : {}),
        ...(isManualStart ? { sameAs: `input.${out.key}` } : {}),
      });
    }
  }
  return [...suggestions, ...BRAND_VARIABLES];
}

/** The start step of a flow: the first step of a trigger type (publish refuses a second). */
export function startStepOf<N extends GraphLike['nodes'][number]>(
  nodes: readonly N[],
  types?: NodeTypeMap,
): N | undefined {
  return nodes.find((n) =>
    types
      ? types.get(n.data.nodeType)?.category === 'trigger'
      : n.data.nodeType.startsWith('trigger.'),
  );
}

/**
 * `input.<name>` for each value the start step gives a run (a manual start's form fields, a
 * schedule's values, a webhook's expected fields), by the rule publish judges them with; one
 * unlisted `input` when any name may come (a webhook start without declared fields, or no start
 * step yet).
 */
function runInputSuggestions(graph: GraphLike, types?: NodeTypeMap): VariableSuggestion[] {
  const start = startStepOf(graph.nodes, types);
  const inputs = start ? runInputsOf(start.data.nodeType, start.data.config) : null;
  if (!inputs) {
    return [
      { path: 'input', detail: 'Whatever the start step was sent', group: 'Input', unlisted: true },
    ];
  }
  return inputs.map((i) => ({ path: `input.${i.key}`, detail: i.detail, group: 'Input' }));
}

/**
 * A value that runs to paragraphs: the approved text or all its fields, a step's whole output or
 * text, the brand's voice and audience notes.
 */
function isLongValue(path: string): boolean {
  return (
    /^steps\.[^.]+$/.test(path) ||
    /\.(text|data)$/.test(path) ||
    path === 'brand.voice' ||
    path === 'brand.audience'
  );
}

/** Where a suggestion goes in a one-line template's list: lower first. */
function singleLineRank(s: VariableSuggestion): number {
  if (s.group === 'Input') return 0;
  if (isLongValue(s.path)) return 3;
  return s.group === 'Run' ? 2 : 1;
}

/**
 * The suggestions for a one-line template (an email subject, a post title): the input's fields
 * first, then other short values (a structured field, the brand's name), the run's id, and the
 * long values last. The approved text came first and put the whole body in the subject for
 * whoever took the first suggestion.
 */
export function shortValuesFirst(suggestions: readonly VariableSuggestion[]): VariableSuggestion[] {
  return [...suggestions].sort((a, b) => singleLineRank(a) - singleLineRank(b));
}

/** The suggestions a designer picks from: each value once, under its plainest name. */
export function offeredSuggestions(
  suggestions: readonly VariableSuggestion[],
): VariableSuggestion[] {
  return suggestions.filter((s) => !s.sameAs && !s.unlisted);
}

export interface OpenVariable {
  /** Index of the first character after "{{". */
  start: number;
  /** What has been typed after the braces, trimmed. */
  query: string;
}

/** When the caret sits inside an unclosed `{{ ...`, what has been typed so far. */
export function openVariableAt(text: string, caret: number): OpenVariable | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open === -1) return null;
  const inside = before.slice(open + 2);
  if (inside.includes('}}') || inside.includes('\n') || /[^\w.\s]/.test(inside)) return null;
  return { start: open + 2, query: inside.trim() };
}

export function filterSuggestions(
  all: readonly VariableSuggestion[],
  query: string,
): VariableSuggestion[] {
  const q = query.toLowerCase();
  if (!q) return [...all];
  const starts = all.filter((s) => s.path.toLowerCase().startsWith(q));
  const contains = all.filter(
    (s) => !s.path.toLowerCase().startsWith(q) && `${s.path} ${s.detail}`.toLowerCase().includes(q),
  );
  return [...starts, ...contains];
}

/** Replaces the open `{{ query` at the caret with `{{ path }}`; returns the text and new caret. */
export function applySuggestion(
  text: string,
  caret: number,
  open: OpenVariable,
  path: string,
): { text: string; caret: number } {
  const after = text.slice(caret);
  const closes = /^\s*}}/.exec(after);
  const rest = closes ? after.slice(closes[0].length) : after;
  const insert = ` ${path} }}`;
  const next = text.slice(0, open.start) + insert + rest;
  return { text: next, caret: open.start + insert.length };
}

/**
 * Variables a template uses that nothing provides, e.g. a step that is not upstream or an input
 * the start step does not give (an unlisted `input` lets any through, see runInputSuggestions).
 */
export function unknownVariables(
  template: string,
  available: readonly VariableSuggestion[],
): string[] {
  return templateReferences(template).filter((path) => {
    const root = path.split('.')[0];
    if (root !== 'steps' && !path.startsWith('input.')) return false;
    return !isAvailable(path, available);
  });
}
