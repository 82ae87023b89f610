import { baseIdForType, edgeId, uniqueNodeId } from './flow-graph.js';

interface NodeLike {
  id: string;
  position: { x: number; y: number };
  data: { nodeType: string; label?: string; config: Record<string, unknown> };
}
interface EdgeLike {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface ClipboardPayload {
  kind: 'tandem/nodes';
  nodes: NodeLike[];
  edges: EdgeLike[];
}

/** The selected nodes and the connections among them (edges to unselected nodes stay behind). */
export function copySelection(
  nodes: readonly NodeLike[],
  edges: readonly EdgeLike[],
  selected: ReadonlySet<string>,
): ClipboardPayload {
  return {
    kind: 'tandem/nodes',
    nodes: nodes
      .filter((n) => selected.has(n.id))
      .map((n) => structuredClone({ id: n.id, position: n.position, data: n.data })),
    edges: edges
      .filter((e) => selected.has(e.source) && selected.has(e.target))
      .map((e) => ({ ...e })),
  };
}

/**
 * Copies with fresh ids, shifted by `offset`, edges rewired to the copies. Triggers are left out
 * when the flow already has one: a flow has exactly one trigger.
 */
export function pasteClipboard(
  payload: ClipboardPayload,
  existing: { nodeIds: ReadonlySet<string>; hasTrigger: boolean },
  offset = { x: 40, y: 40 },
): { nodes: NodeLike[]; edges: EdgeLike[] } {
  const taken = new Set(existing.nodeIds);
  const mapping = new Map<string, string>();
  const nodes: NodeLike[] = [];
  for (const n of payload.nodes) {
    if (existing.hasTrigger && n.data.nodeType.startsWith('trigger.')) continue;
    const id = uniqueNodeId(baseIdForType(n.data.nodeType), taken);
    taken.add(id);
    mapping.set(n.id, id);
    nodes.push({
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      data: structuredClone(n.data),
    });
  }
  const edges = payload.edges
    .filter((e) => mapping.has(e.source) && mapping.has(e.target))
    .map((e) => {
      const source = mapping.get(e.source)!;
      const target = mapping.get(e.target)!;
      return { ...e, id: edgeId(source, e.sourceHandle, target), source, target };
    });
  return { nodes, edges };
}

/** The clipboard moved along, so a second paste lands beside the first instead of on it. */
export function shiftedClipboard(clipboard: ClipboardPayload, by = 40): ClipboardPayload {
  return {
    ...clipboard,
    nodes: clipboard.nodes.map((n) => ({
      ...n,
      position: { x: n.position.x + by, y: n.position.y + by },
    })),
  };
}
