import type { TandemEdge, TandemNode } from './flow-graph.js';
import { shortcutLabel } from '../../../ui/shortcut-label.js';
import type { NodeTypeMap } from './node-catalog.js';

/*
 * Deleting a step from the middle of a chain reconnects its neighbours (bridge-removed.ts). Done
 * silently, the designer saw connections appear that they never drew; this says what happened
 * and how to take it back.
 */

type Named = Pick<TandemNode, 'id'> & { data: Pick<TandemNode['data'], 'nodeType' | 'label'> };

const nameOf = (node: Named | undefined, id: string, types: NodeTypeMap) =>
  `“${node?.data.label?.trim() || types.get(node?.data.nodeType ?? '')?.title || id}”`;

/**
 * "Deleted “Brand check”; connected “Draft” → “Review”. Undo: Ctrl+Z" (⌘+Z on a Mac), or null when deleting
 * joined nothing. `kept` are the edges before the removal less those deleted with it, `after`
 * the edges once it is done: the connections in `after` and not in `kept` are the ones it made.
 */
export function removalNotice(
  nodes: readonly Named[],
  kept: readonly TandemEdge[],
  after: readonly TandemEdge[],
  removed: ReadonlySet<string>,
  types: NodeTypeMap,
): string | null {
  const had = new Set(kept.map((e) => e.id));
  const made = after.filter((e) => !had.has(e.id));
  if (!made.length) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (id: string) => nameOf(byId.get(id), id, types);
  const deleted = removed.size === 1 ? name([...removed][0]!) : `${removed.size} steps`;
  const joined = made.map((e) => `${name(e.source)} → ${name(e.target)}`).join(', ');
  return `Deleted ${deleted}; connected ${joined}. Undo: ${shortcutLabel('Z')}`;
}
