import { useEffect, useState } from 'react';
import type { Flow } from '@tandem/schema';
import { api } from '../../../api/client.js';
import { toCanvasEdges } from '../graph/flow-graph.js';
import type { NodeTypeInfo } from '../graph/node-catalog.js';
import { canvasNodes } from './editor-graph.js';
import { useEditorStore } from './editor.store.js';

/**
 * Loads the flow's draft into the editor store, and the live automation levels of its published
 * checkpoints; `loaded` turns true once the store holds the draft.
 */
export function useLoadFlow(flow: Flow, types: NodeTypeInfo[]): boolean {
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const s = useEditorStore.getState();
    s.setTypes(types);
    s.load({ nodes: canvasNodes(flow.graph), edges: toCanvasEdges(flow.graph) });
    s.setRun(null);
    s.setAutomation({});
    setLoaded(true);
  }, [flow, types]);

  // Live automation levels of the published checkpoints, shown as badges on their cards.
  useEffect(() => {
    if (!flow.publishedVersion) return;
    api
      .get<
        | { items?: { nodeId: string; level: string; locked: boolean }[] }
        | { nodeId: string; level: string; locked: boolean }[]
      >(`/api/flows/${flow.id}/automation`)
      .then((r) => {
        const list = Array.isArray(r) ? r : (r.items ?? []);
        useEditorStore
          .getState()
          .setAutomation(
            Object.fromEntries(list.map((a) => [a.nodeId, { level: a.level, locked: a.locked }])),
          );
      })
      .catch(() => undefined);
  }, [flow.id, flow.publishedVersion]);

  return loaded;
}
