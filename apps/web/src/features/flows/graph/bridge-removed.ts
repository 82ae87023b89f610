import { checkConnection, type GraphShape } from './connection-rules.js';
import { withConnection, type TandemEdge } from './flow-graph.js';
import type { NodeTypeMap } from './node-catalog.js';

/*
 * Deleting a step from the middle of a chain keeps the chain: the step before it now leads to the
 * steps after it. Deleting "AI write" from trigger → AI write → brand check → review → publish
 * used to leave three steps "Not connected", each to be redrawn by hand, and the reason (the
 * deleted step) no longer on the canvas to see.
 */

/**
 * The edges left once the steps in `removed` are gone. A removed step with one way in, whose
 * outgoing connections all leave from one output, has its predecessor joined to each of its
 * successors, where that connection is allowed. A step reached several ways, or whose outputs
 * mean different things (a review's Approved and Rejected), is not bridged: the designer decides.
 */
export function edgesAfterRemoving(
  nodes: GraphShape['nodes'],
  edges: readonly TandemEdge[],
  types: NodeTypeMap,
  removed: ReadonlySet<string>,
): TandemEdge[] {
  let left = [...edges];
  let present = [...nodes];
  for (const node of nodes) {
    if (!removed.has(node.id)) continue;
    const incoming = left.filter((e) => e.target === node.id);
    const outgoing = left.filter((e) => e.source === node.id);
    left = left.filter((e) => e.source !== node.id && e.target !== node.id);
    present = present.filter((n) => n.id !== node.id);
    const [from] = incoming;
    const outputs = new Set(outgoing.map((e) => e.sourceHandle ?? null));
    if (incoming.length !== 1 || !from || outputs.size !== 1) continue;
    for (const to of outgoing) {
      const connection = {
        source: from.source,
        sourceHandle: from.sourceHandle ?? null,
        target: to.target,
        targetHandle: to.targetHandle ?? null,
      };
      if (checkConnection({ nodes: present, edges: left }, types, connection).ok) {
        left = withConnection(left, connection);
      }
    }
  }
  return left;
}
