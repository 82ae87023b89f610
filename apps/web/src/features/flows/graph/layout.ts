import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
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
