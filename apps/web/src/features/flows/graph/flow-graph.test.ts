import { describe, expect, it } from 'vitest';
import type { Graph } from '@tandem/schema';
import { NODE_HEIGHT } from './layout.js';
import {
  baseIdForType,
  estimatedLayout,
  toCanvasEdges,
  toCanvasNodes,
  toGraph,
  uniqueNodeId,
  VIRTUALIZE_ABOVE,
} from './flow-graph.js';

const graph: Graph = {
  nodes: [
    { id: 'trigger', type: 'trigger.manual', position: { x: 0, y: 0 }, config: { fields: [] } },
    {
      id: 'review',
      type: 'human.review',
      position: { x: 300.4, y: 10.6 },
      label: 'Editor',
      config: {},
    },
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'review' }],
};
const layoutOf = (type: string) =>
  type === 'human.review'
    ? { inputs: [{ id: 'in' }], outputs: [{ id: 'approved' }, { id: 'rejected' }] }
    : { inputs: [], outputs: [{ id: 'out' }] };

describe('flow graph conversion', () => {
  it('round-trips the API graph through the canvas, rounding positions', () => {
    const back = toGraph(toCanvasNodes(graph), toCanvasEdges(graph));
    expect(back.nodes[1]).toEqual({
      id: 'review',
      type: 'human.review',
      position: { x: 300, y: 11 },
      label: 'Editor',
      config: {},
    });
    expect(back.edges).toEqual(graph.edges);
  });
  it('adds size and handle estimates only to large flows', () => {
    expect(toCanvasNodes(graph, layoutOf)[1]!.handles).toBeUndefined();
    const big: Pick<Graph, 'nodes'> = {
      nodes: Array.from({ length: VIRTUALIZE_ABOVE + 1 }, (_, i) => ({
        id: `n${i}`,
        type: i ? 'human.review' : 'trigger.manual',
        position: { x: i, y: 0 },
        config: {},
      })),
    };
    const node = toCanvasNodes(big, layoutOf)[1]!;
    expect(node.initialWidth).toBeGreaterThan(0);
    expect(node.handles?.map((h) => [h.id, h.type, h.position])).toEqual([
      ['in', 'target', 'left'],
      ['approved', 'source', 'right'],
      ['rejected', 'source', 'right'],
    ]);
    // Estimates never leak into what is saved.
    expect(Object.keys(toGraph([node], []).nodes[0]!)).toEqual([
      'id',
      'type',
      'position',
      'config',
    ]);
  });
  it('estimates several outputs in rows at the foot of a taller card, as the card draws them', () => {
    const review = estimatedLayout({
      inputs: [{ id: 'in' }],
      outputs: [{ id: 'approved' }, { id: 'rejected' }],
    });
    const y = (id: string) => review.handles!.find((h) => h.id === id)!.y;
    expect(review.initialHeight).toBeGreaterThan(NODE_HEIGHT);
    expect(y('approved')).toBeGreaterThan(NODE_HEIGHT);
    expect(y('rejected') - y('approved')).toBe(20);
    expect(y('rejected') + 12).toBeLessThan(review.initialHeight!);
    // One output stays mid-height on a card of the usual size.
    const draft = estimatedLayout({ inputs: [{ id: 'in' }], outputs: [{ id: 'out' }] });
    expect(draft.initialHeight).toBe(NODE_HEIGHT);
    expect(draft.handles!.find((h) => h.id === 'out')!.y).toBe(NODE_HEIGHT / 2 - 6);
  });
  it('derives readable, unique node ids', () => {
    expect(baseIdForType('ai.generate')).toBe('draft');
    expect(baseIdForType('publish.webhook')).toBe('webhook');
    expect(uniqueNodeId('draft', new Set(['draft', 'draft_2']))).toBe('draft_3');
  });
});
