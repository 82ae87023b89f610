import type { NodeTypeMap } from './node-catalog.js';

interface Selectable {
  id: string;
  selected?: boolean;
}

/**
 * What the side panel shows: the step or the connection when exactly one thing is selected on
 * the canvas, else neither. Derived from the canvas's own selection, so the panel never edits a
 * step the canvas no longer shows as selected (clicking a connection used to leave it open).
 */
export interface PanelSelection {
  selectedNodeId: string | null;
  selectedEdgeId: string | null;
}

export function panelSelection(
  nodes: readonly Selectable[],
  edges: readonly Selectable[],
): PanelSelection {
  let node: string | null = null;
  let edge: string | null = null;
  let count = 0;
  for (const n of nodes) {
    if (!n.selected) continue;
    node = n.id;
    if (++count > 1) return { selectedNodeId: null, selectedEdgeId: null };
  }
  for (const e of edges) {
    if (!e.selected) continue;
    edge = e.id;
    if (++count > 1) return { selectedNodeId: null, selectedEdgeId: null };
  }
  return { selectedNodeId: node, selectedEdgeId: edge };
}

type StepLike = { id: string; data: { nodeType: string; label?: string } };

/** A step as the designer knows it: its label, else its type's title, else its id. */
export function stepName(nodes: readonly StepLike[], types: NodeTypeMap, id: string): string {
  const node = nodes.find((n) => n.id === id);
  return node?.data.label || (node && types.get(node.data.nodeType)?.title) || id;
}

export interface ConnectionEnd {
  nodeId: string;
  name: string;
  /** The way out or in, named only where the step has several (a review's "Approved"). */
  handle: string | null;
}

/** The two steps a connection joins, named as the cards name them. */
export function describeConnection(
  edge: {
    source: string;
    target: string;
    sourceHandle?: string | null;
    targetHandle?: string | null;
  },
  nodes: readonly StepLike[],
  types: NodeTypeMap,
): { from: ConnectionEnd; to: ConnectionEnd } {
  const handleName = (nodeId: string, side: 'outputs' | 'inputs', id?: string | null) => {
    const node = nodes.find((n) => n.id === nodeId);
    const handles = (node && types.get(node.data.nodeType)?.[side]) ?? [];
    if (handles.length < 2) return null;
    // An edge saved without a handle uses the step's first one, as the engine reads it.
    const handle = id ? handles.find((h) => h.id === id) : handles[0];
    return handle?.label ?? id ?? null;
  };
  return {
    from: {
      nodeId: edge.source,
      name: stepName(nodes, types, edge.source),
      handle: handleName(edge.source, 'outputs', edge.sourceHandle),
    },
    to: {
      nodeId: edge.target,
      name: stepName(nodes, types, edge.target),
      handle: handleName(edge.target, 'inputs', edge.targetHandle),
    },
  };
}

/** The same items, none selected (the same array when none was). */
export function unselected<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.some((i) => i.selected)
    ? items.map((i) => (i.selected ? { ...i, selected: false } : i))
    : items;
}
