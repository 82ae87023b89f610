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

/**
 * Escape pressed on a step or connection itself: React Flow unselects it (which closes its
 * settings) and blurs it, a step a frame later, which dropped the keyboard onto the page body.
 * The focus goes back to it once React Flow is done, so Tab and Enter go on from there.
 */
export function keepFocusAfterEscape(target: EventTarget | null): void {
  const item =
    target instanceof Element
      ? target.closest<HTMLElement>('.react-flow__node, .react-flow__edge')
      : null;
  if (item) requestAnimationFrame(() => item.isConnected && item.focus());
}
