import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useToast } from '../../../ui/index.js';
import { autoLinkNotice, nextOutputRow, stepToFollow } from '../graph/auto-connect.js';
import { freeSpotNear, wantedSpot } from '../graph/free-spot.js';
import { spotBefore, stepAwaitingTrigger, triggerAddedNotice } from '../graph/trigger-link.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../graph/layout.js';
import { useEditorStore } from './editor.store.js';

/**
 * Adds a step of the type clicked in the palette: in a free spot near the middle of the canvas,
 * after the selected step (or before the chain's first step, for a trigger), connected to it
 * when it can be, with a toast that says how.
 */
export function useAddFromPalette(): (type: string) => void {
  const toast = useToast();
  const reactFlow = useReactFlow();
  return useCallback(
    (type: string) => {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const center = rect
        ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
        : { x: 400, y: 300 };
      const at = reactFlow.screenToFlowPosition(center);
      const { nodes, edges, types, selectedNodeId } = useEditorStore.getState();
      // A trigger added to a chain built without one goes before the chain's first step, and
      // leads to it: it used to land unconnected at the far end.
      const before =
        types.get(type)?.category === 'trigger'
          ? stepAwaitingTrigger({ nodes, edges }, types)
          : null;
      // Clicked with one step selected, the new step follows it, connected, so clicking steps in
      // order builds a chain.
      const after = before ? null : stepToFollow(nodes, selectedNodeId);
      const cards = nodes.map((n) => ({
        id: n.id,
        ...n.position,
        width: n.measured?.width ?? NODE_WIDTH,
        height: n.measured?.height ?? NODE_HEIGHT,
      }));
      const size = { width: NODE_WIDTH, height: NODE_HEIGHT };
      const row = after ? nextOutputRow({ nodes, edges }, types, after) : 0;
      const next = cards.find((c) => c.id === before);
      const spot = freeSpotNear(
        next
          ? spotBefore(next)
          : wantedSpot(cards.find((c) => c.id === selectedNodeId) ?? null, at, size, row),
        size,
        cards,
      );
      // The new step is selected; the settings panel then scrolls it into view if it is not.
      const added = useEditorStore.getState().addNode(type, spot, after, before);
      if (!added?.link) return;
      const s = useEditorStore.getState();
      const notice = before
        ? triggerAddedNotice(added.link.ok, s, s.types, { added: added.id, before })
        : autoLinkNotice(added.link, s, s.types, { from: after!, added: added.id });
      toast.show(notice, 'info', 'palette-add');
    },
    [reactFlow, toast],
  );
}
