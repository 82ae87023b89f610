import { useCallback } from 'react';
import { useToast } from '../../../ui/index.js';
import { useEditorStore } from './editor.store.js';

const NOTICE_GROUP = 'steps-reconnected';

// Watches for the edit after the last notice. Not tied to the component that deleted: the side
// panel's Delete button goes away with the step it deletes.
let stopWatching: (() => void) | null = null;

/**
 * Deletes the selected steps and says, in a polite toast, which connections were made around
 * them and how to undo. The toast goes at the next edit too: "Undo: Ctrl+Z" would then undo that
 * edit, not the delete.
 */
export function useDeleteSelected(): () => void {
  const toast = useToast();
  return useCallback(() => {
    const notice = useEditorStore.getState().removeSelected();
    if (!notice) return;
    toast.show(notice, 'info', NOTICE_GROUP);
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
