import { checkConnection, type GraphShape } from './connection-rules.js';
import type { NodeTypeInfo, NodeTypeMap } from './node-catalog.js';
import { stepName } from './selection.js';

/** A connection with both handles named, as a drag between two handles reports it. */
export interface HandleConnection {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export type AutoLink = { ok: true; connection: HandleConnection } | { ok: false; reason: string };

/**
 * The step a step clicked in from the palette follows: the selected one, when it is the only
 * one. With several selected there is no single "previous step" to continue from.
 */
export function stepToFollow(
  nodes: readonly { id: string; selected?: boolean }[],
  selectedNodeId: string | null,
): string | null {
  const selected = nodes.filter((n) => n.selected);
  return selected.length === 1 && selected[0]!.id === selectedNodeId ? selectedNodeId : null;
}

/**
 * The first output of `nodeId`, in the order its type declares them, with no edge leaving it:
 * a review's Approved before its Rejected, a branch's true path before its false one. An edge
 * saved without a handle leaves from the first output, as the engine reads it.
 */
export function firstFreeOutput(
  edges: GraphShape['edges'],
  type: Pick<NodeTypeInfo, 'outputs'>,
  nodeId: string,
): string | null {
  const first = type.outputs[0]?.id;
  const taken = new Set(
    edges.filter((e) => e.source === nodeId).map((e) => e.sourceHandle ?? first),
  );
  return type.outputs.find((h) => !taken.has(h.id))?.id ?? null;
}

/**
 * Which of the outputs of `from` a step added after it hangs from, counted in declared order
 * from 0; 0 when none is free. The palette places the new step in that row.
 */
export function nextOutputRow(graph: GraphShape, types: NodeTypeMap, from: string): number {
  const node = graph.nodes.find((n) => n.id === from);
  const type = node && types.get(node.data.nodeType);
  if (!type) return 0;
  const free = firstFreeOutput(graph.edges, type, from);
  const row = type.outputs.findIndex((h) => h.id === free);
  return row < 0 ? 0 : row;
}

/**
 * The edge that links step `from` to the step `to` just added after it (already in `graph`),
 * from the first free output of `from` to the first input of `to`, under the same rules as an
 * edge drawn by hand; or, in plain words, why they stay apart.
 */
export function linkToAddedStep(
  graph: GraphShape,
  types: NodeTypeMap,
  from: string,
  to: string,
): AutoLink {
  const typeOf = (id: string) => {
    const node = graph.nodes.find((n) => n.id === id);
    return node ? types.get(node.data.nodeType) : undefined;
  };
  const sourceType = typeOf(from);
  const targetType = typeOf(to);
  const sourceHandle = sourceType ? firstFreeOutput(graph.edges, sourceType, from) : null;
  const targetHandle = targetType?.inputs[0]?.id ?? null;
  if (sourceType && sourceType.outputs.length > 0 && !sourceHandle) {
    return { ok: false, reason: `"${sourceType.title}" already leads on to other steps` };
  }
  const check = checkConnection(graph, types, {
    source: from,
    sourceHandle,
    target: to,
    targetHandle,
  });
  if (!check.ok) return check;
  // checkConnection accepts only known types with an output and an input, so both are named.
  return {
    ok: true,
    connection: {
      source: from,
      sourceHandle: sourceHandle!,
      target: to,
      targetHandle: targetHandle!,
    },
  };
}

/** What the designer is told after a palette click added step `added` after step `from`. */
export function autoLinkNotice(
  link: AutoLink,
  graph: { nodes: readonly { id: string; data: { nodeType: string; label?: string } }[] },
  types: NodeTypeMap,
  ids: { from: string; added: string },
): string {
  const nameOf = (id: string) => stepName(graph.nodes, types, id);
  const added = `Added "${nameOf(ids.added)}"`;
  if (!link.ok) return `${added}, not connected: ${link.reason}`;
  const fromNode = graph.nodes.find((n) => n.id === ids.from);
  const outputs = (fromNode && types.get(fromNode.data.nodeType)?.outputs) ?? [];
  // Only a step with several ways out says which one the new step hangs from.
  const path =
    outputs.length > 1
      ? ` (${outputs.find((h) => h.id === link.connection.sourceHandle)?.label ?? link.connection.sourceHandle})`
      : '';
  return `${added} after "${nameOf(ids.from)}"${path}`;
}
