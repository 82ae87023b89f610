import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  /** A trigger: placed in the first column even while nothing connects it to the steps. */
  first?: boolean;
  width?: number;
  height?: number;
}
export interface LayoutEdge {
  source: string;
  target: string;
}

export const NODE_WIDTH = 260;
export const NODE_HEIGHT = 96;

/**
 * Left-to-right layered layout (dagre): triggers on the left, publish steps on the right, the
 * order designers read a flow in. Returns top-left positions, as React Flow expects.
 */
export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: { direction?: 'LR' | 'TB'; gapX?: number; gapY?: number } = {},
): Map<string, { x: number; y: number }> {
  const g = new Graph();
  g.setGraph({
    rankdir: options.direction ?? 'LR',
    nodesep: options.gapY ?? 48,
    ranksep: options.gapX ?? 90,
    marginx: 20,
    marginy: 20,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    g.setNode(n.id, { width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT });
  }
  for (const e of edges) {
    if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target);
  }
  // Unseen edges from each trigger to every other step nothing leads into: a trigger added last
  // and not yet connected was laid out level with the first step, below it, not before it.
  const fed = new Set(edges.map((e) => e.target));
  for (const first of nodes.filter((n) => n.first)) {
    for (const n of nodes) {
      if (!n.first && !fed.has(n.id)) g.setEdge(first.id, n.id);
    }
  }
  layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const placed = g.node(n.id) as { x: number; y: number; width: number; height: number };
    positions.set(n.id, {
      x: Math.round(placed.x - placed.width / 2),
      y: Math.round(placed.y - placed.height / 2),
    });
  }
  return positions;
}
