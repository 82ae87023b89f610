import { linkToAddedStep, type HandleConnection } from './auto-connect.js';
import type { GraphShape } from './connection-rules.js';
import { NODE_WIDTH } from './layout.js';
import type { NodeTypeMap } from './node-catalog.js';
import { stepName } from './selection.js';

/** The gap between columns that Tidy up and the templates leave for an edge to show. */
const COLUMN_GAP = 90;

const isTrigger = (types: NodeTypeMap, nodeType: string) =>
  types.get(nodeType)?.category === 'trigger';

/**
 * The step a trigger added now should lead to: the only step that takes an input and has
 * nothing leading into it. Built from blank, a designer who adds the trigger last had it land
 * unconnected at the far end of the chain. Null when there is no such step or several.
 */
export function stepAwaitingTrigger(graph: GraphShape, types: NodeTypeMap): string | null {
  const fed = new Set(graph.edges.map((e) => e.target));
  const waiting = graph.nodes.filter((n) => {
    const type = types.get(n.data.nodeType);
    return type && type.category !== 'trigger' && type.inputs.length > 0 && !fed.has(n.id);
  });
  return waiting.length === 1 ? waiting[0]!.id : null;
}

/** Where a step that leads into a card at `target` goes: one column to its left, level with it. */
export function spotBefore(target: { x: number; y: number }): { x: number; y: number } {
  return { x: target.x - NODE_WIDTH - COLUMN_GAP, y: target.y };
}

/**
 * The connection that would fix step `nodeId` being unreachable: from the flow's only trigger
 * that leads nowhere yet, when nothing leads into the step. Named in its problem ("connect
 * "Manual start" to "AI write"") and made by the problem's Connect button.
 */
export function missingTriggerLink(
  graph: GraphShape,
  types: NodeTypeMap,
  nodeId: string,
): HandleConnection | null {
  if (graph.edges.some((e) => e.target === nodeId)) return null;
  const leading = new Set(graph.edges.map((e) => e.source));
  const idle = graph.nodes.filter((n) => isTrigger(types, n.data.nodeType) && !leading.has(n.id));
  if (idle.length !== 1) return null;
  const link = linkToAddedStep(graph, types, idle[0]!.id, nodeId);
  return link.ok ? link.connection : null;
}

/** What the designer is told after a trigger was added before step `before`. */
export function triggerAddedNotice(
  linked: boolean,
  graph: { nodes: readonly { id: string; data: { nodeType: string; label?: string } }[] },
  types: NodeTypeMap,
  ids: { added: string; before: string },
): string {
  const name = (id: string) => stepName(graph.nodes, types, id);
  return linked
    ? `Added "${name(ids.added)}", connected to "${name(ids.before)}"`
    : `Added "${name(ids.added)}"`;
}
