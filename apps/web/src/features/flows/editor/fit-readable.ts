import type { ReactFlowInstance } from '@xyflow/react';
import type { TandemNode } from '../graph/flow-graph.js';
import { initialFit } from '../graph/initial-view.js';

/**
 * Shows a flow as it opens: whole when that is readable, otherwise its first steps at a readable
 * zoom. For the draft when the canvas first has its size, and for a published version opened
 * in its place (fitted whole, a five-step version opened too small to read).
 */
export function fitForReading(
  flow: ReactFlowInstance<TandemNode>,
  nodes: readonly TandemNode[],
  pane: { width: number; height: number },
): void {
  const fit = initialFit(nodes, pane);
  if (fit) void flow.fitView(fit);
}
