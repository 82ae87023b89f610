import type { Graph } from '@tandem/schema';
import { toCanvasEdges, toCanvasNodes, toGraph } from '../graph/flow-graph.js';
import { useEditorStore } from './editor.store.js';

/** JSON with sorted keys, so equal graphs compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Canvas nodes; large flows carry size estimates so only the cards in view are rendered. */
export const canvasNodes = (graph: Graph) =>
  toCanvasNodes(graph, (type) => useEditorStore.getState().types.get(type));

export const sameGraph = (a: Graph, b: Graph) =>
  canonical(a) === canonical(toGraph(toCanvasNodes(b), toCanvasEdges(b)));
