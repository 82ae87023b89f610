import type { Edge as FlowEdge, Graph, NodeInstance } from '@tandem/schema';
import { addEdge, Position, type Connection, type Edge, type Node } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './layout.js';

/** What each canvas node carries; kept flat so memoized cards compare cheaply. */
export type TandemNodeData = {
  nodeType: string;
  label?: string;
  config: Record<string, unknown>;
};
export type TandemNode = Node<TandemNodeData, 'tandem'>;
export type TandemEdge = Edge;

/** Flows larger than this render only the steps in view. */
export const VIRTUALIZE_ABOVE = 200;

export interface HandleLayout {
  inputs: readonly { id: string }[];
  outputs: readonly { id: string }[];
}

/** A labelled output's row at the foot of a card (NodeCard's `.node-output`, 18 px and a 2 px gap). */
const OUTPUT_ROW = 20;
/** Above the output rows: their margin, padding and dashed rule. */
const OUTPUTS_TOP = 15;
/** Below them: the card's bottom padding and border. */
const CARD_BOTTOM = 11;

/**
 * Estimated size and handle positions of a card before the browser has measured it. React Flow
 * renders every unmeasured node once to measure it; with these estimates a large flow renders
 * only the cards in view, and each is measured for real when it first scrolls into view. Several
 * outputs (Approved/Rejected) sit in labelled rows added at the card's foot; one sits mid-height.
 */
export function estimatedLayout(
  layout: HandleLayout,
): Pick<TandemNode, 'initialWidth' | 'initialHeight' | 'handles'> {
  const rows = layout.outputs.length > 1 ? layout.outputs.length : 0;
  const height = rows ? NODE_HEIGHT + OUTPUTS_TOP + rows * OUTPUT_ROW : NODE_HEIGHT;
  /** Handle i of `count` spread evenly down the card's side. */
  const spread = (count: number, i: number) => Math.round((height * (i + 1)) / (count + 1)) - 6;
  const outputY = (i: number) =>
    rows
      ? height - CARD_BOTTOM - (rows - i) * OUTPUT_ROW + OUTPUT_ROW / 2 - 6
      : spread(layout.outputs.length, i);
  return {
    initialWidth: NODE_WIDTH,
    initialHeight: height,
    handles: [
      ...layout.inputs.map((h, i) => ({
        id: h.id,
        type: 'target' as const,
        position: Position.Left,
        x: -6,
        y: spread(layout.inputs.length, i),
        width: 12,
        height: 12,
      })),
      ...layout.outputs.map((h, i) => ({
        id: h.id,
        type: 'source' as const,
        position: Position.Right,
        x: NODE_WIDTH - 6,
        y: outputY(i),
        width: 12,
        height: 12,
      })),
    ],
  };
}

export function toCanvasNodes(
  graph: Pick<Graph, 'nodes'>,
  layoutOf?: (type: string) => HandleLayout | undefined,
): TandemNode[] {
  const estimate = layoutOf && graph.nodes.length > VIRTUALIZE_ABOVE;
  return graph.nodes.map((n) => {
    const layout = estimate ? layoutOf(n.type) : undefined;
    return {
      id: n.id,
      type: 'tandem',
      position: { x: n.position.x, y: n.position.y },
      ...(layout ? estimatedLayout(layout) : {}),
      data: {
        nodeType: n.type,
        ...(n.label ? { label: n.label } : {}),
        config: (n.config ?? {}) as Record<string, unknown>,
      },
    };
  });
}

export function toCanvasEdges(graph: Pick<Graph, 'edges'>): TandemEdge[] {
  return graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
    ...(e.targetHandle ? { targetHandle: e.targetHandle } : {}),
  }));
}

/** Back to the API's graph shape: only the fields the schema allows (strict objects). */
export function toGraph(nodes: readonly TandemNode[], edges: readonly TandemEdge[]): Graph {
  return {
    nodes: nodes.map((n): NodeInstance => ({
      id: n.id,
      type: n.data.nodeType,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.data.label ? { label: n.data.label } : {}),
      config: n.data.config as NodeInstance['config'],
    })),
    edges: edges.map((e): FlowEdge => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
      ...(e.targetHandle ? { targetHandle: e.targetHandle } : {}),
    })),
  };
}

/** A short readable id, unique among `taken`: "draft", "draft_2", ... */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+|_+$/g, '') || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i += 1) {
    const candidate = `${clean}_${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Node ids double as template names (`{{ steps.<id>.text }}`), so derive them from the type. */
export function baseIdForType(type: string): string {
  const [category, name] = type.split('.');
  if (category === 'trigger') return 'trigger';
  if (type === 'ai.generate') return 'draft';
  if (type === 'human.review') return 'review';
  return name ?? category ?? 'node';
}

export function edgeId(
  source: string,
  sourceHandle: string | null | undefined,
  target: string,
): string {
  return `e_${source}_${sourceHandle ?? 'out'}_${target}`.slice(0, 64);
}

/** `edges` plus the edge a drag between two handles asks for, its id derived from its ends. */
export function withConnection(edges: TandemEdge[], connection: Connection): TandemEdge[] {
  const id = edgeId(connection.source, connection.sourceHandle, connection.target);
  return addEdge({ ...connection, id }, edges);
}
