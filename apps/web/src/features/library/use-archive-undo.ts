import { useCallback, useEffect, useRef } from 'react';
import type { LibraryEntry } from '@tandem/schema';
import type { useToast } from '../../ui/index.js';
import { archivedMessage } from './library-view.js';

/** How long the toast offers Undo, and the `z` key undoes. */
const UNDO_MS = 8_000;
const GROUP = 'library-archive';

/** Whether a key press is typing (in a field), not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable;
}

/**
 * Archive and restore with Undo: the toast's button, or `z` while it shows (the archived
 * entry's buttons are gone from the page, so the key keeps Undo one press away). Undo is the
 * opposite request, so it is as safe to repeat as the first.
 */
export function useArchiveUndo(deps: {
  toast: ReturnType<typeof useToast>;
  setArchived: (id: string, archived: boolean) => Promise<LibraryEntry>;
  /** The entry as saved; `undone` when this change took back the previous one. */
  onChanged: (entry: LibraryEntry, undone: boolean) => void;
}): (entry: LibraryEntry, archive: boolean) => Promise<void> {
  const { toast, setArchived } = deps;
  const onChanged = useRef(deps.onChanged);
  useEffect(() => {
    onChanged.current = deps.onChanged;
  });
  const undo = useRef<{ until: number; run: () => void } | null>(null);

  const change = useCallback(
    async (entry: LibraryEntry, archive: boolean, undoing: boolean): Promise<void> => {
      undo.current = null;
      try {
        const saved = await setArchived(entry.id, archive);
        onChanged.current(saved, undoing);
        if (undoing) {
          toast.show(archivedMessage(saved, archive, true), 'success', GROUP);
          return;
        }
        const run = () => void change(saved, !archive, true);
        undo.current = { until: Date.now() + UNDO_MS, run };
        toast.show(archivedMessage(saved, archive, false), 'success', {
          group: GROUP,
          action: { label: 'Undo', keyshortcut: 'z', onClick: run },
          durationMs: UNDO_MS,
        });
      } catch (e) {
        toast.show(
          `Could not ${archive ? 'archive' : 'restore'} “${entry.title}”: ${(e as Error).message}`,
          'error',
          GROUP,
        );
      }
    },
    [toast, setArchived],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'z' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const pending = undo.current;
      if (!pending || Date.now() > pending.until) return;
      undo.current = null;
      toast.dismissGroup(GROUP);
      pending.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toast]);

  return useCallback((entry, archive) => change(entry, archive, false), [change]);
}
