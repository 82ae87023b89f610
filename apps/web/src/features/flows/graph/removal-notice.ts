import type { TandemEdge, TandemNode } from './flow-graph.js';
import type { NodeTypeMap } from './node-catalog.js';

/*
 * Deleting a step from the middle of a chain reconnects its neighbours (bridge-removed.ts). Done
 * silently, the designer saw connections appear that they never drew; this says what happened.
 * Every deleted step is told, reconnected or not: the toast carries the Undo button, and a step
 * deleted by a click on the side panel's bin went without a word or a way back in sight.
 */

type Named = Pick<TandemNode, 'id'> & { data: Pick<TandemNode['data'], 'nodeType' | 'label'> };

const nameOf = (node: Named | undefined, id: string, types: NodeTypeMap) =>
  `“${node?.data.label?.trim() || types.get(node?.data.nodeType ?? '')?.title || id}”`;

/**
 * "Deleted “Brand check”; connected “Draft” → “Review”.", "Deleted “Review”." when deleting
 * joined nothing, or null when no step was deleted (only connections). `kept` are the edges
 * before the removal less those deleted with it, `after` the edges once it is done: the
 * connections in `after` and not in `kept` are the ones it made.
 */
export function removalNotice(
  nodes: readonly Named[],
  kept: readonly TandemEdge[],
  after: readonly TandemEdge[],
  removed: ReadonlySet<string>,
  types: NodeTypeMap,
): string | null {
  if (!removed.size) return null;
  const had = new Set(kept.map((e) => e.id));
  const made = after.filter((e) => !had.has(e.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (id: string) => nameOf(byId.get(id), id, types);
  const deleted = removed.size === 1 ? name([...removed][0]!) : `${removed.size} steps`;
  if (!made.length) return `Deleted ${deleted}.`;
  const joined = made.map((e) => `${name(e.source)} → ${name(e.target)}`).join(', ');
  return `Deleted ${deleted}; connected ${joined}.`;
}
