import { useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TandemNode } from '../graph/flow-graph.js';
import { memoStepLabels } from '../graph/step-labels.js';
import { useEditorStore } from './editor.store.js';

/**
 * The steps with the name a screen reader gives each card (React Flow puts `ariaLabel` on the
 * focusable wrapper; a label inside the card is not read). A step keeps its object while its
 * label and the step itself stay the same, so dragging one step of a thousand does not make
 * React Flow take in every other one again.
 */
export function useLabelledNodes(nodes: TandemNode[]): TandemNode[] {
  // Labels do not depend on positions: a drag neither builds them again nor, shallow-compared,
  // re-renders the canvas for them.
  const [labelsOf] = useState(() => memoStepLabels());
  const labels = useEditorStore(
    useShallow((s) => labelsOf(s.nodes, s.types, s.problemCounts, s.run?.steps)),
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
