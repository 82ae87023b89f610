/**
 * Undo/redo as a pure value: `past` and `future` hold snapshots, newest last in `past`. Callers
 * push the state *before* a change; undo swaps the present with the last past entry.
 */
export interface History<T> {
  past: T[];
  future: T[];
}

const HISTORY_LIMIT = 100;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records `before` as an undo point; a new change clears what could be redone. */
export function record<T>(history: History<T>, before: T, limit = HISTORY_LIMIT): History<T> {
  const past = [...history.past, before];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

export function undo<T>(history: History<T>, present: T): { history: History<T>; state: T } | null {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [present, ...history.future] },
    state: previous,
  };
}

export function redo<T>(history: History<T>, present: T): { history: History<T>; state: T } | null {
  const [next, ...rest] = history.future;
  if (next === undefined) return null;
  return { history: { past: [...history.past, present], future: rest }, state: next };
}

export const canUndo = (h: History<unknown>) => h.past.length > 0;
export const canRedo = (h: History<unknown>) => h.future.length > 0;
