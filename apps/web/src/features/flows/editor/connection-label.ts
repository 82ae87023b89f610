import type { ConnectionDirectoryEntry } from '@tandem/schema';
import { aConnection, connectionKindLabel } from '../graph/picker-options.js';
import type { Loadable } from './use-directory.js';

/** How a step card names the saved connection its settings hold. */
export interface ConnectionLabel {
  /** The connection's name, or what stands in for it while it cannot be named. */
  name: string;
  /** Why the step will not publish as it is, said short enough for a card; null when fine. */
  warning: string | null;
}

/**
 * The chosen connection by name, as the designer picked it, with a warning when it is gone, of
 * another kind or disabled. Until the directory is loaded (or for someone who may not read it)
 * the card says what kind of connection it is.
 */
export function connectionLabel(
  kind: string | undefined,
  id: unknown,
  list: Loadable<ConnectionDirectoryEntry>,
): ConnectionLabel | null {
  if (typeof id !== 'string' || id === '') return null;
  if (list.status !== 'ready') {
    const kindLabel = connectionKindLabel(kind);
    return { name: `a saved ${kindLabel ? `${kindLabel} ` : ''}connection`, warning: null };
  }
  const found = list.items.find((c) => c.id === id);
  if (!found) return { name: 'a missing connection', warning: 'Its connection no longer exists' };
  if (kind && found.kind !== kind) {
    return {
      name: found.name,
      warning: `${found.name} is not ${aConnection(kind)}`,
    };
  }
  if (found.disabled) return { name: found.name, warning: `${found.name} is disabled` };
  return { name: found.name, warning: null };
}
