import { describe, expect, it } from 'vitest';
import { connectionLabels } from './connection-labels.js';
import type { TandemEdge, TandemNode } from './flow-graph.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const type = (t: string, title: string, outputs: { id: string; label: string }[]) =>
  ({ type: t, title, outputs }) as NodeTypeInfo;
const types = indexNodeTypes([
  type('ai.generate', 'AI write', [{ id: 'out', label: 'out' }]),
  type('human.review', 'Human review', [
    { id: 'approved', label: 'Approved' },
    { id: 'rejected', label: 'Rejected' },
  ]),
  type('publish.wordpress', 'Publish to WordPress', [{ id: 'out', label: 'out' }]),
]);
const node = (id: string, nodeType: string, label?: string): TandemNode => ({
  id,
  type: 'tandem',
  position: { x: 0, y: 0 },
  data: { nodeType, config: {}, ...(label ? { label } : {}) },
});

describe('connectionLabels', () => {
  const nodes = [
    node('draft', 'ai.generate', 'Draft the post'),
    node('review', 'human.review', 'Review'),
    node('wp', 'publish.wordpress'),
  ];

  it('names the steps by their titles, and the output where the step has several', () => {
    const edges: TandemEdge[] = [
      { id: 'e1', source: 'draft', target: 'review', sourceHandle: 'out' },
      { id: 'e2', source: 'review', target: 'wp', sourceHandle: 'approved' },
      { id: 'e3', source: 'review', target: 'draft', sourceHandle: 'rejected' },
    ];
    expect(connectionLabels(nodes, edges, types)).toEqual({
      e1: 'Connection from Draft the post to Review',
      e2: 'Connection from Review: Approved to Publish to WordPress',
      e3: 'Connection from Review: Rejected to Draft the post',
    });
  });

  it('names a connection saved without its output by the first one, as the engine and the panel read it', () => {
    const edges: TandemEdge[] = [{ id: 'e1', source: 'review', target: 'wp' }];
    expect(connectionLabels(nodes, edges, types)).toEqual({
      e1: 'Connection from Review: Approved to Publish to WordPress',
    });
  });

  it('falls back to the ids of steps it cannot find', () => {
    const edges: TandemEdge[] = [{ id: 'e1', source: 'gone', target: 'wp' }];
    expect(connectionLabels(nodes, edges, types)).toEqual({
      e1: 'Connection from gone to Publish to WordPress',
    });
  });
});
