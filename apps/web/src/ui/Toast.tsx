import { X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IconButton } from './IconButton.js';

export type ToastTone = 'info' | 'success' | 'error';

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
  group?: string;
}

interface ToastApi {
  /**
   * A toast with a `group` replaces the one of that group still showing, so notices that come
   * in bursts (one per step clicked in) take one line, not a pile over the page.
   */
  show: (message: string, tone?: ToastTone, group?: string) => void;
  /** Takes away the toast of this group, if still showing, once what it says no longer holds. */
  dismissGroup: (group: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

/** Short, polite notifications in one live region; errors stay longer than confirmations. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const dismiss = useCallback(
    (id: number) => setItems((all) => all.filter((t) => t.id !== id)),
    [],
  );
  const show = useCallback(
    (message: string, tone: ToastTone = 'info', group?: string) => {
      const id = nextId++;
      setItems((all) => [
        ...all.filter((t) => !group || t.group !== group).slice(-3),
        { id, tone, message, ...(group ? { group } : {}) },
      ]);
      setTimeout(() => dismiss(id), tone === 'error' ? 8_000 : 4_000);
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
