import type { NodeTypeMap } from './node-catalog.js';

export interface GraphShape {
  nodes: readonly { id: string; data: { nodeType: string } }[];
  edges: readonly {
    source: string;
    target: string;
    sourceHandle?: string | null;
    targetHandle?: string | null;
  }[];
}

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/** One end of a drag between handles, as the canvas reports it. */
export interface HandleEnd {
  nodeId: string;
  id?: string | null;
  type: 'source' | 'target';
}

/**
 * The edge a drag from one handle to another asks for. Dragging works both ways (from an
 * output to an input, or back from an input to an output), so the ends are sorted by role.
 */
export function attemptFromDrag(from: HandleEnd, to: HandleEnd): ConnectionAttempt {
  const [source, target] = from.type === 'source' ? [from, to] : [to, from];
  return {
    source: source.nodeId,
    target: target.nodeId,
    sourceHandle: source.id ?? null,
    targetHandle: target.id ?? null,
  };
}

/**
 * The edge a drag from an output asks for when it is let go over a step's card rather than on
 * its small input handle: into the step's (only) input. Null for a drag that started at an
 * input, or let go over its own step, where the card says nothing about which output is meant.
 */
export function attemptOntoCard(
  from: HandleEnd,
  cardNodeId: string,
): { source: string; target: string; sourceHandle: string | null; targetHandle: null } | null {
  if (from.type !== 'source' || from.nodeId === cardNodeId) return null;
  return {
    source: from.nodeId,
    target: cardNodeId,
    sourceHandle: from.id ?? null,
    targetHandle: null,
  };
}

/** True when `to` can already reach `from`, i.e. an edge from -> to would close a loop. */
export function wouldCreateCycle(edges: GraphShape['edges'], from: string, to: string): boolean {
  if (from === to) return true;
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const stack = [to];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/**
 * Whether an edge may be drawn, with the reason in plain words when not. The canvas uses it so
 * only valid connections snap; the same rules flag imported graphs.
 */
export function checkConnection(
  graph: GraphShape,
  types: NodeTypeMap,
  attempt: ConnectionAttempt,
): ConnectionCheck {
  const { source, target } = attempt;
  if (!source || !target) return { ok: false, reason: 'Pick two steps to connect' };
  if (source === target) return { ok: false, reason: 'A step cannot connect to itself' };
  const sourceNode = graph.nodes.find((n) => n.id === source);
  const targetNode = graph.nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return { ok: false, reason: 'That step no longer exists' };
  const sourceType = types.get(sourceNode.data.nodeType);
  const targetType = types.get(targetNode.data.nodeType);
  if (!sourceType || !targetType) return { ok: false, reason: 'Unknown step type' };
  if (sourceType.outputs.length === 0) {
    return { ok: false, reason: `"${sourceType.title}" ends the flow; nothing can follow it` };
  }
  if (targetType.inputs.length === 0) {
    return { ok: false, reason: `"${targetType.title}" starts a flow; nothing can lead into it` };
  }
  const sourceHandle = attempt.sourceHandle ?? sourceType.outputs[0]?.id;
  const targetHandle = attempt.targetHandle ?? targetType.inputs[0]?.id;
  if (!sourceType.outputs.some((h) => h.id === sourceHandle)) {
    return { ok: false, reason: `"${sourceType.title}" has no output "${sourceHandle}"` };
  }
  if (!targetType.inputs.some((h) => h.id === targetHandle)) {
    return { ok: false, reason: `"${targetType.title}" has no input "${targetHandle}"` };
  }
  const duplicate = graph.edges.some(
    (e) =>
      e.source === source &&
      e.target === target &&
      (e.sourceHandle ?? sourceType.outputs[0]?.id) === sourceHandle,
  );
  if (duplicate) return { ok: false, reason: 'These steps are already connected' };
  if (wouldCreateCycle(graph.edges, source, target)) {
    return { ok: false, reason: 'That would make a loop; flows run in one direction' };
  }
  return { ok: true };
}
