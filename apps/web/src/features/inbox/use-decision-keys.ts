import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { DecisionKind } from './decision-form.js';
import { shortcutOf } from './shortcuts.js';

/** What the task view does for each decision key, and which dialog (if any) is open. */
export interface DecisionKeyActions {
  dialog: 'requestChanges' | 'reject' | null;
  submit: (kind: DecisionKind) => Promise<void>;
  startEditing: () => void;
  stopEditing: () => void;
  openDialog: (kind: 'requestChanges' | 'reject') => void;
}

/**
 * The task view's decision keys (a, e, c, r, Escape, Ctrl+Enter) on the window while `enabled`.
 * The handler acts on the actions as of the last commit. A listener made per render saw the
 * state of the render before: a key pressed right after Escape, before the new listener was in
 * place, found the closed dialog still open and was lost.
 */
export function useDecisionKeys(
  enabled: boolean,
  editorRef: RefObject<HTMLTextAreaElement | null>,
  actions: DecisionKeyActions,
): void {
  const current = useRef(actions);
  useLayoutEffect(() => {
    current.current = actions;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const { dialog, submit, startEditing, stopEditing, openDialog } = current.current;
      const action = shortcutOf(event);
      if (!action || event.defaultPrevented) return;
      const inEditor = event.target === editorRef.current;
      if (dialog) {
        // The dialog owns Escape (native <dialog>); Ctrl+Enter sends it.
        if (action === 'submit') {
          event.preventDefault();
          void submit(dialog);
        }
        return;
      }
      if (action === 'submit' && inEditor) {
        event.preventDefault();
        void submit('approve');
      } else if (action === 'close' && inEditor) {
        // Escape stops editing, as the shortcut help says; the text stays as edited (it lives
        // in the view's state, not in the textarea) and shows in the preview and the diff.
        event.preventDefault();
        stopEditing();
      } else if (action === 'approve') {
        event.preventDefault();
        void submit('approve');
      } else if (action === 'edit') {
        event.preventDefault();
        startEditing();
      } else if (action === 'requestChanges' || action === 'reject') {
        event.preventDefault();
        openDialog(action);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, editorRef]);
}
