import type { EdgeChange, NodeChange } from '@xyflow/react';
import {
  baseIdForType,
  uniqueNodeId,
  type TandemEdge,
  type TandemNode,
} from '../graph/flow-graph.js';
import { layoutGraph } from '../graph/layout.js';
import type { NodeTypeInfo } from '../graph/node-catalog.js';

/*
 * What the editor store's edits make of the steps: pure functions of the graph, so the store
 * itself is left with the state, the undo history and the saving flags.
 */

/** A change that adds, removes or replaces a step or connection: always its own undo step. */
export const isStructural = (change: NodeChange | EdgeChange) =>
  change.type === 'remove' || change.type === 'add' || change.type === 'replace';

/** Once measured, a card's real handle positions replace the estimated ones it opened with. */
export function withoutEstimatedHandles(
  nodes: TandemNode[],
  changes: NodeChange<TandemNode>[],
): TandemNode[] {
  if (!changes.some((c) => c.type === 'dimensions')) return nodes;
  const measured = new Set(changes.filter((c) => c.type === 'dimensions').map((c) => c.id));
  return nodes.map((n) => {
    if (!measured.has(n.id) || !n.handles) return n;
    const { handles: _estimated, ...rest } = n;
    return rest;
  });
}

/**
 * Whether these changes start dragging a step (`nodes` as they were before). Positions are
 * recorded once per drag (at its start), not for every mouse move.
 */
export function startsDrag(changes: NodeChange<TandemNode>[], nodes: TandemNode[]): boolean {
  return changes.some(
    (c) => c.type === 'position' && c.dragging && !nodes.find((n) => n.id === c.id)?.dragging,
  );
}

/** A new step of this type, selected, with its type's default config and an id not yet taken. */
export function newStep(
  type: string,
  info: NodeTypeInfo,
  position: { x: number; y: number },
  nodes: TandemNode[],
): TandemNode {
  return {
    id: uniqueNodeId(baseIdForType(type), new Set(nodes.map((n) => n.id))),
    type: 'tandem',
    position,
    selected: true,
    data: { nodeType: type, config: structuredClone(info.defaultConfig ?? {}) },
  };
}

/** The steps with this one's label set; a blank label removes it, so the card shows its type. */
export function withLabel(nodes: TandemNode[], nodeId: string, label: string): TandemNode[] {
  return nodes.map((n) => {
    if (n.id !== nodeId) return n;
    const { label: _old, ...rest } = n.data;
    return { ...n, data: label.trim() ? { ...rest, label } : rest };
  });
}

/** The steps with just this one selected (or none); the others are kept as they are. */
export function withOnlySelected(nodes: TandemNode[], nodeId: string | null): TandemNode[] {
  return nodes.map((n) => {
    const selected = n.id === nodeId;
    return n.selected === selected ? n : { ...n, selected };
  });
}

/** The steps laid out left to right, the triggers first, at their measured sizes. */
export function laidOut(
  nodes: TandemNode[],
  edges: TandemEdge[],
  types: Map<string, NodeTypeInfo>,
): TandemNode[] {
  const positions = layoutGraph(
    nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width,
      height: n.measured?.height,
      first: types.get(n.data.nodeType)?.category === 'trigger',
    })),
    edges,
  );
  return nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
}
