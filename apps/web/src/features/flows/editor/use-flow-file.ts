import { useReactFlow } from '@xyflow/react';
import type { Flow } from '@tandem/schema';
import { describePath } from '../../../api/client.js';
import { shortcutLabel, useToast } from '../../../ui/index.js';
import { toCanvasEdges, toGraph } from '../graph/flow-graph.js';
import { exportFileName, exportFlow, parseImportedFlow } from '../graph/import-export.js';
import { FIT_VIEW_OPTIONS } from './Canvas.js';
import { canvasNodes } from './editor-graph.js';
import { useEditorStore } from './editor.store.js';

/** Importing a flow file into the draft (one undoable edit) and downloading the draft as one. */
export function useFlowFile(flow: Flow, name: string) {
  const toast = useToast();
  const reactFlow = useReactFlow();

  const onImportFile = async (file: File) => {
    const result = parseImportedFlow(await file.text(), useEditorStore.getState().types);
    if (!result.ok) {
      const first = result.problems
        .slice(0, 3)
        .map((p) => `${describePath(p.path) || 'file'}: ${p.message}`);
      toast.show(`Import refused. ${first.join('; ')}`, 'error');
      return;
    }
    useEditorStore.getState().replaceGraph({
      nodes: canvasNodes(result.flow.graph),
      edges: toCanvasEdges(result.flow.graph),
    });
    requestAnimationFrame(() => void reactFlow.fitView(FIT_VIEW_OPTIONS));
    toast.show(
      `Imported ${result.flow.graph.nodes.length} steps (undo with ${shortcutLabel('Z')})`,
      'success',
    );
  };

  const onExport = () => {
    const s = useEditorStore.getState();
    const blob = new Blob(
      [
        exportFlow({
          name,
          ...(flow.description ? { description: flow.description } : {}),
          graph: toGraph(s.nodes, s.edges),
        }),
      ],
      {
        type: 'application/json',
      },
    );
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(name);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  return { onImportFile, onExport };
}
