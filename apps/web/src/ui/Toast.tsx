import { X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IconButton } from './IconButton.js';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastOptions {
  /**
   * A toast with a `group` replaces the one of that group still showing, so notices that come
   * in bursts (one per step clicked in) take one line, not a pile over the page.
   */
  group?: string;
  /**
   * One button beside the message ("Undo"); the toast closes when it is pressed. Its key, if
   * the page has one for it, is shown on the button and announced (aria-keyshortcuts, in ARIA's
   * words: "Control+Z Meta+Z"). `keyLabel` is what the button shows instead, when that differs
   * ("Ctrl+Z", as the page's other hints say it).
   */
  action?: { label: string; keyshortcut?: string; keyLabel?: string; onClick: () => void };
  /** How long it shows; by default errors stay longer than confirmations. */
  durationMs?: number;
}

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
  group?: string;
  action?: ToastOptions['action'];
}

interface ToastApi {
  /** `options` as a string is the group (see ToastOptions). */
  show: (message: string, tone?: ToastTone, options?: string | ToastOptions) => void;
  /** Takes away the toast of this group, if still showing, once what it says no longer holds. */
  dismissGroup: (group: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** The three newest plain toasts, and every toast with a button. */
function keepRecent(items: ToastItem[]): ToastItem[] {
  const plain = items.filter((t) => !t.action);
  const dropped = new Set(plain.slice(0, Math.max(0, plain.length - 3)));
  return items.filter((t) => !dropped.has(t));
}
let nextId = 1;

/** Short, polite notifications in one live region; errors stay longer than confirmations. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const dismiss = useCallback(
    (id: number) => setItems((all) => all.filter((t) => t.id !== id)),
    [],
  );
  const show = useCallback(
    (message: string, tone: ToastTone = 'info', options?: string | ToastOptions) => {
      const { group, action, durationMs } =
        typeof options === 'string' ? { group: options } : (options ?? {});
      const id = nextId++;
      setItems((all) => [
        // At most four at once; a toast with a button (Undo) stays while its button works.
        ...keepRecent(all.filter((t) => !group || t.group !== group)),
        { id, tone, message, ...(group ? { group } : {}), ...(action ? { action } : {}) },
      ]);
      setTimeout(() => dismiss(id), durationMs ?? (tone === 'error' ? 8_000 : 4_000));
    },
    [dismiss],
  );
  const dismissGroup = useCallback(
    (group: string) => setItems((all) => all.filter((t) => t.group !== group)),
    [],
  );
  const value = useMemo(() => ({ show, dismissGroup }), [show, dismissGroup]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite" aria-atomic="false">
        {items.map((t) => (
          <div
            key={t.id}
            className={`toast toast-${t.tone}`}
            role={t.tone === 'error' ? 'alert' : 'status'}
          >
            <span>{t.message}</span>
            {t.action && (
              <button
                type="button"
                className="toast-action"
                aria-keyshortcuts={t.action.keyshortcut}
                onClick={() => {
                  dismiss(t.id);
                  t.action!.onClick();
                }}
              >
                {t.action.label}
                {t.action.keyshortcut && (
                  <kbd aria-hidden="true">{t.action.keyLabel ?? t.action.keyshortcut}</kbd>
                )}
              </button>
            )}
            <IconButton icon={X} size={16} label="Dismiss" onClick={() => dismiss(t.id)} />
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast must be used inside <ToastProvider>');
  return value;
}
