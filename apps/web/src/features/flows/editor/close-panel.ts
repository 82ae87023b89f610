import { useEditorStore } from './editor.store.js';

/**
 * Closes the step or connection settings by clearing the selection, and puts the focus back on
 * the step or connection the panel showed rather than on the page body, so a keyboard or screen
 * reader user goes on from where they were.
 */
export function closePanel(): void {
  const s = useEditorStore.getState();
  const shown = s.selectedNodeId
    ? `.react-flow__node[data-id="${CSS.escape(s.selectedNodeId)}"]`
    : s.selectedEdgeId
      ? `.react-flow__edge[data-id="${CSS.escape(s.selectedEdgeId)}"]`
      : null;
  s.select(null);
  if (shown) document.querySelector<HTMLElement>(shown)?.focus();
}
