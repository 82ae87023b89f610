import type { Edge, Graph, NodeInstance } from '@tandem/schema';

/**
 * A card is 260 px wide; 90 px between columns, as the editor's Tidy up leaves between layers,
 * gives each edge room to be seen.
 */
export const COLUMN = 350;
/** Taller than a review or branch card (about 165 px with its output rows) and a gap. */
export const ROW = 200;

/** A node at grid column/row, so templates read left to right on the canvas. */
export function place(
  id: string,
  type: string,
  label: string,
  column: number,
  row: number,
  config: Record<string, unknown>,
): NodeInstance {
  return {
    id,
    type,
    label,
    position: { x: column * COLUMN, y: row * ROW },
    config: config as NodeInstance['config'],
  };
}

export function link(source: string, target: string, sourceHandle?: string): Edge {
  return {
    id: `e_${source}_${sourceHandle ?? 'out'}_${target}`,
    source,
    target,
    ...(sourceHandle ? { sourceHandle } : {}),
  };
}

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  graph: Graph;
}
