import type { TandemEdge } from './flow-graph.js';

/**
 * The step the keyboard goes to once `removed` are deleted: one that led into them, as the
 * previous item takes the focus when a list item is deleted, else one they led to, else none.
 * Without it the focus went down with the deleted card (or the side panel's Delete button) to
 * the page body, and the next Tab started again at the sidebar.
 */
export function stepToFocusAfterRemoving(
  edges: readonly Pick<TandemEdge, 'source' | 'target'>[],
  removed: ReadonlySet<string>,
): string | null {
  const before = edges.find((e) => removed.has(e.target) && !removed.has(e.source));
  if (before) return before.source;
  const after = edges.find((e) => removed.has(e.source) && !removed.has(e.target));
  return after?.target ?? null;
}
