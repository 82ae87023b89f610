import { useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { TandemNode } from '../graph/flow-graph.js';
import { useEditorStore } from './editor.store.js';
import { forgetPanelMoves, showFlowAfterPanel } from './show-step.js';

/**
 * When the step or connection settings close (×, Escape, a click on the empty canvas, the step
 * deleted), the canvas moves back: opening them had moved it to show a step near the right edge,
 * and closing them left the flow mostly off-screen.
 */
export function useShowFlowOnClose(): void {
  const open = useEditorStore((s) => !!(s.selectedNodeId || s.selectedEdgeId));
  const flow = useReactFlow<TandemNode>();
  const wasOpen = useRef(open);
  useEffect(() => {
    const closed = wasOpen.current && !open;
    if (open && !wasOpen.current) forgetPanelMoves();
    wasOpen.current = open;
    if (!closed) return;
    // A frame later, once the canvas has taken the panel's room.
    const frame = requestAnimationFrame(() => showFlowAfterPanel(flow));
    return () => cancelAnimationFrame(frame);
  }, [open, flow]);
}
