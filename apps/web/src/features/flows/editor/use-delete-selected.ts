import { useCallback } from 'react';
import { shortcutLabel, useToast } from '../../../ui/index.js';
import { stepToFocusAfterRemoving } from '../graph/focus-after-removal.js';
import { useEditorStore } from './editor.store.js';

const NOTICE_GROUP = 'steps-deleted';

// Watches for the edit after the last notice. Not tied to the component that deleted: the side
// panel's Delete button goes away with the step it deletes.
let stopWatching: (() => void) | null = null;

/**
 * Deletes the selected steps and says, in a polite toast, which ones and which connections were
 * made around them, with an Undo button: a designer who deletes with the mouse should not have to
 * know Ctrl+Z or find the toolbar's arrow. The toast goes at the next edit too: its Undo would
 * then undo that edit, not the delete.
 */
export function useDeleteSelected(): () => void {
  const toast = useToast();
  return useCallback(() => {
    const before = useEditorStore.getState();
    const removed = new Set(before.nodes.filter((n) => n.selected).map((n) => n.id));
    const next = stepToFocusAfterRemoving(before.edges, removed);
    const notice = before.removeSelected();
    if (!notice) return;
    if (next && focusGoesWithTheDeleted(removed)) {
      // Once the canvas has drawn the graph without them.
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)
          ?.focus(),
      );
    }
    toast.show(notice, 'info', {
      group: NOTICE_GROUP,
      action: {
        label: 'Undo',
        keyshortcut: 'Control+Z Meta+Z',
        keyLabel: shortcutLabel('Z'),
        onClick: () => useEditorStore.getState().undo(),
      },
      // Longer than a plain notice, to find the button; the next edit takes it away anyway.
      durationMs: 8_000,
    });
    stopWatching?.();
    const shownAt = useEditorStore.getState().changeCount;
    const unsubscribe = useEditorStore.subscribe((s) => {
      if (s.changeCount === shownAt) return;
      toast.dismissGroup(NOTICE_GROUP);
      unsubscribe();
      stopWatching = null;
    });
    stopWatching = unsubscribe;
  }, [toast]);
}

/** Whether the focus was on a deleted step's card or in its settings, which go with it. */
function focusGoesWithTheDeleted(removed: ReadonlySet<string>): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return true;
  const card = active.closest('.react-flow__node');
  if (card) return removed.has(card.getAttribute('data-id') ?? '');
  return active.closest('[data-testid="inspector"]') !== null;
}
