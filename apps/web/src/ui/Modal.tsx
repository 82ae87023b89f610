import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { IconButton } from './IconButton.js';

const FIRST_FIELD =
  '.modal-content :is(input:not([type="hidden"]), textarea, select):not(:disabled)';

export interface ModalProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'md' | 'lg';
  /**
   * Start in the first form field (default). Off for a dialog that is read, not filled in, with
   * a setting at its end (the inbox's shortcut help): a letter key typed there would change it.
   */
  focusFirstField?: boolean;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, closes on Escape and restores
 * focus to the opener, which hand-written overlays routinely get wrong. It opens with focus in
 * its first form field, if it has one.
 */
export function Modal(props: ModalProps) {
  const { open, title, onClose, children, footer, size = 'md', focusFirstField = true } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The browser reports a close() a moment later, as an event: by then the dialog may be open
  // again (the inbox closes one dialog and opens the next on two quick keys), and that late
  // report would close the new one. Closes made here are not reported to onClose.
  const closedHere = useRef(false);
  /** What had the focus when the dialog opened, to give it back if the dialog is unmounted. */
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // showModal() focuses the first focusable element: the header's Close button. Someone who
      // opens a form dialog by key and starts typing would type into nothing, and their Space
      // would close it (the inbox's letter keys then act on the task). Start in the first field.
      if (focusFirstField) dialog.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    }
    if (!open && dialog.open) {
      closedHere.current = true;
      dialog.close();
    }
  }, [open, focusFirstField]);
  // A dialog rendered only while it is needed ({open && <Modal open …/>}) is removed while open:
  // the browser gives focus back on close(), but a removed <dialog> never closes, and the focus
  // fell to the page body (after Start run or Escape in the test run dialog, the next Tab began
  // at the top of the app). Give it back to the opener, as a close would.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (!dialog?.open || dialog.isConnected) return;
      const focused = document.activeElement;
      if (focused && focused !== document.body) return;
      if (opener.current?.isConnected) opener.current.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      aria-labelledby={titleId}
      onClose={() => {
        if (closedHere.current) closedHere.current = false;
        else onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="modal-body">
          <header className="modal-header">
            <h2 id={titleId}>{title}</h2>
            <IconButton icon={X} size={16} label="Close" onClick={onClose} />
          </header>
          <div className="modal-content">{children}</div>
          {footer && <footer className="modal-footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
