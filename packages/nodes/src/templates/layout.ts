import type { Edge, Graph, NodeInstance } from '@tandem/schema';

export const COLUMN = 280;
export const ROW = 160;

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
