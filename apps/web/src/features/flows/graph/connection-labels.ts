import type { NodeTypeMap } from './node-catalog.js';
import type { TandemEdge, TandemNode } from './flow-graph.js';
import { describeConnection } from './selection.js';

/**
 * What a screen reader says of each connection, by edge id: the steps by their titles, and the
 * output it leaves by where the step has several ("Connection from Review: Approved to Publish to
 * WordPress"), named as the connection panel names them. React Flow's own "Edge from start to
 * draft" read out node ids.
 */
export function connectionLabels(
  nodes: readonly TandemNode[],
  edges: readonly TandemEdge[],
  types: NodeTypeMap,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const edge of edges) {
    const { from, to } = describeConnection(edge, nodes, types);
    labels[edge.id] =
      `Connection from ${from.name}${from.handle ? `: ${from.handle}` : ''} to ${to.name}`;
  }
  return labels;
}
