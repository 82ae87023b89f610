import type { NodeTypeMap } from './node-catalog.js';
import type { TandemEdge, TandemNode } from './flow-graph.js';

/** A step as people name it: its own label, else its type's title. */
export function stepTitle(node: TandemNode, types: NodeTypeMap): string {
  return node.data.label || types.get(node.data.nodeType)?.title || node.data.nodeType;
}

/**
 * What a screen reader says of each connection, by edge id: the steps by their titles, and the
 * output it leaves by where the step has several ("Connection from Review: Approved to Publish to
 * WordPress"). React Flow's own "Edge from start to draft" read out node ids.
 */
export function connectionLabels(
  nodes: readonly TandemNode[],
  edges: readonly TandemEdge[],
  types: NodeTypeMap,
): Record<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const labels: Record<string, string> = {};
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const outputs = source ? (types.get(source.data.nodeType)?.outputs ?? []) : [];
    const output =
      outputs.length > 1 ? outputs.find((o) => o.id === edge.sourceHandle)?.label : undefined;
    const from = source ? stepTitle(source, types) : edge.source;
    const to = target ? stepTitle(target, types) : edge.target;
    labels[edge.id] = `Connection from ${from}${output ? `: ${output}` : ''} to ${to}`;
  }
  return labels;
}
