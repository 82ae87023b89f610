import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TandemNode } from '../graph/flow-graph.js';
import { stepLabels } from '../graph/step-labels.js';
import { useEditorStore } from './editor.store.js';

/**
 * The steps with the name a screen reader gives each card (React Flow puts `ariaLabel` on the
 * focusable wrapper; a label inside the card is not read). A step keeps its object while its
 * label and the step itself stay the same, so dragging one step of a thousand does not make
 * React Flow take in every other one again.
 */
export function useLabelledNodes(nodes: TandemNode[]): TandemNode[] {
  // Shallow-compared: labels do not depend on positions, so a drag does not relabel anything.
  const labels = useEditorStore(
    useShallow((s) => stepLabels(s.nodes, s.types, s.problemCounts, s.run?.steps)),
  );
  const cache = useRef(new WeakMap<TandemNode, TandemNode>());
  return useMemo(
    () =>
      nodes.map((node) => {
        const ariaLabel = labels[node.id];
        const cached = cache.current.get(node);
        if (cached && cached.ariaLabel === ariaLabel) return cached;
        const labelled = { ...node, ariaLabel };
        cache.current.set(node, labelled);
        return labelled;
      }),
    [nodes, labels],
  );
}
