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
  /** Approving waits for a second yes (error flags remain): `a` or Enter gives it, Esc takes it back. */
  confirming: boolean;
  confirmApprove: () => void;
  cancelApprove: () => void;
}

/**
 * The task view's decision keys (a, e, c, r, Escape, Ctrl+Enter) on the window while `enabled`.
 * The handler acts on the actions as of the last commit. A listener made per render saw the
 * state of the render before: a key pressed right after Escape, before the new listener was in
 * place, found the closed dialog still open and was lost.
 */
export function useDecisionKeys(
  enabled: boolean,
  /** The open editor (a textarea, or a table of fields): Escape and Ctrl+Enter act on it. */
  editorRef: RefObject<HTMLElement | null>,
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
      const { confirming, confirmApprove, cancelApprove } = current.current;
      const action = shortcutOf(event);
      if (event.defaultPrevented) return;
      if (confirming && !dialog) {
        // Enter on a focused button presses that button (Approve anyway or Cancel) by itself.
        const onButton = (event.target as HTMLElement | null)?.tagName === 'BUTTON';
        if (
          action === 'approve' ||
          action === 'submit' ||
          (event.key === 'Enter' && !onButton && !action)
        ) {
          event.preventDefault();
          confirmApprove();
          return;
        }
        if (action === 'close') {
          event.preventDefault();
          cancelApprove();
          return;
        }
        // Any other decision leaves the question unanswered, and goes on as asked.
        if (action) cancelApprove();
      }
      if (!action) return;
      const editor = editorRef.current;
      const inEditor = !!editor && event.target instanceof Node && editor.contains(event.target);
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
