import { useRef, useState } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { FlowVersion } from '@tandem/schema';
import { useToast } from '../../../ui/index.js';
import { toCanvasEdges, type TandemNode, type toCanvasNodes } from '../graph/flow-graph.js';
import { canvasNodes } from './editor-graph.js';
import { useEditorStore } from './editor.store.js';
import { fitForReading } from './fit-readable.js';

/**
 * Showing a published version read-only in place of the draft, going back to the draft, and
 * restoring a version as the draft. `onDone` closes the versions dialog the action came from.
 */
export function useVersionView(onDone: () => void) {
  const toast = useToast();
  const reactFlow = useReactFlow<TandemNode>();
  const flowStore = useStoreApi<TandemNode>();
  const [viewing, setViewing] = useState<FlowVersion | null>(null);
  const draftRef = useRef<{
    nodes: ReturnType<typeof toCanvasNodes>;
    edges: ReturnType<typeof toCanvasEdges>;
  } | null>(null);

  const viewVersion = (version: FlowVersion) => {
    const s = useEditorStore.getState();
    if (!viewing) draftRef.current = { nodes: s.nodes, edges: s.edges };
    setViewing(version);
    s.load(
      { nodes: canvasNodes(version.graph), edges: toCanvasEdges(version.graph) },
      { readOnly: true },
    );
    onDone();
    requestAnimationFrame(() => {
      const { width, height } = flowStore.getState();
      fitForReading(reactFlow, useEditorStore.getState().nodes, { width, height });
    });
  };

  const backToDraft = () => {
    const draft = draftRef.current;
    setViewing(null);
    if (draft) useEditorStore.getState().load(draft);
    draftRef.current = null;
  };

  const restoreVersion = (version: FlowVersion) => {
    const draft = draftRef.current;
    const s = useEditorStore.getState();
    if (draft) s.load(draft);
    draftRef.current = null;
    setViewing(null);
    // Restoring is an ordinary, undoable edit of the draft, saved like any other.
    useEditorStore.getState().replaceGraph({
      nodes: canvasNodes(version.graph),
      edges: toCanvasEdges(version.graph),
    });
    onDone();
    toast.show(`Version ${version.number} restored as the draft`, 'success');
  };

  return { viewing, viewVersion, backToDraft, restoreVersion };
}
