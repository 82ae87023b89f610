import type { Graph } from '@tandem/schema';

const CYCLE = ['ai.generate', 'check.brand', 'human.review', 'util.delay', 'logic.branch'] as const;
const COLUMNS = 20;

/**
 * A valid-looking flow of `size` steps for the editor benchmark: one trigger, then rows of 20
 * steps chained left to right, each row fed by the trigger, laid out on a 300 × 150 grid.
 */
export function largeGraph(size: number): Graph {
  const nodes: Graph['nodes'] = [
    { id: 'trigger', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
  ];
  const edges: Graph['edges'] = [];
  for (let i = 1; i < size; i += 1) {
    const row = Math.floor((i - 1) / COLUMNS);
    const col = (i - 1) % COLUMNS;
    const type = CYCLE[i % CYCLE.length]!;
    const id = `n${i}`;
    const config: Record<string, unknown> =
      type === 'ai.generate'
        ? { prompt: `Write variant ${i} about {{ input.topic }}` }
        : type === 'util.delay'
          ? { amount: 1, unit: 'minutes' }
          : {};
    nodes.push({
      id,
      type,
      position: { x: 300 * (col + 1), y: 150 * row },
      config: config as Graph['nodes'][number]['config'],
    });
    const previous = col === 0 ? 'trigger' : `n${i - 1}`;
    const handle = nodes.find((n) => n.id === previous)?.type;
    edges.push({
      id: `e${i}`,
      source: previous,
      ...(handle === 'human.review'
        ? { sourceHandle: 'approved' }
        : handle === 'logic.branch'
          ? { sourceHandle: 'true' }
          : {}),
      target: id,
    });
  }
  return { nodes, edges };
}
