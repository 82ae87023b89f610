import type { Edge, Graph } from '@tandem/schema';

export interface GraphIndex {
  nodes: Map<string, Graph['nodes'][number]>;
  incoming: Map<string, Edge[]>;
  outgoing: Map<string, Edge[]>;
}

/** Adjacency maps over a graph; edges naming missing nodes are left out. */
export function indexGraph(graph: Pick<Graph, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, Edge[]>(graph.nodes.map((n) => [n.id, []]));
  const outgoing = new Map<string, Edge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    outgoing.get(edge.source)!.push(edge);
    incoming.get(edge.target)!.push(edge);
  }
  return { nodes, incoming, outgoing };
}

/** Kahn's order; `null` when the graph has a cycle. */
export function topologicalOrder(index: GraphIndex): string[] | null {
  const inDegree = new Map<string, number>();
  for (const [id, edges] of index.incoming) inDegree.set(id, edges.length);
  const queue = [...inDegree].filter(([, d]) => d === 0).map(([id]) => id);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const edge of index.outgoing.get(id) ?? []) {
      const d = inDegree.get(edge.target)! - 1;
      inDegree.set(edge.target, d);
      if (d === 0) queue.push(edge.target);
    }
  }
  return order.length === index.nodes.size ? order : null;
}

/** Nodes that feed into `nodeId`, nearest first, each with its shortest distance. */
export function ancestorsOf(
  index: GraphIndex,
  nodeId: string,
): { nodeId: string; distance: number }[] {
  const seen = new Map<string, number>([[nodeId, 0]]);
  const queue = [nodeId];
  const result: { nodeId: string; distance: number }[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const distance = seen.get(id)! + 1;
    for (const edge of index.incoming.get(id) ?? []) {
      if (seen.has(edge.source)) continue;
      seen.set(edge.source, distance);
      result.push({ nodeId: edge.source, distance });
      queue.push(edge.source);
    }
  }
  return result;
}

/** Every node reachable from `from` along edges, `from` included. */
export function descendantsOf(index: GraphIndex, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const edge of index.outgoing.get(id) ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  return seen;
}

/** Nodes on some path from `from` to `to`, both included; empty when `to` is not reachable. */
export function nodesBetween(index: GraphIndex, from: string, to: string): Set<string> {
  const down = descendantsOf(index, from);
  if (!down.has(to)) return new Set();
  const up = new Set([to, ...ancestorsOf(index, to).map((a) => a.nodeId)]);
  return new Set([...down].filter((id) => up.has(id)));
}
