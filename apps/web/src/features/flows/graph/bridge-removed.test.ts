import { describe, expect, it } from 'vitest';
import { edgesAfterRemoving } from './bridge-removed.js';
import { edgeId, type TandemEdge } from './flow-graph.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const base = { version: 1, description: '', icon: '', configSchema: {}, defaultConfig: {} };
const step = (type: string, category: string, outputs: string[]): NodeTypeInfo => ({
  ...base,
  type,
  title: type,
  category,
  inputs: category === 'trigger' ? [] : [{ id: 'in', label: 'In' }],
  outputs: outputs.map((id) => ({ id, label: id })),
});
const types = indexNodeTypes([
  step('trigger.manual', 'trigger', ['out']),
  step('ai.generate', 'ai', ['out']),
  step('check.brand', 'check', ['out']),
  step('human.review', 'human', ['approved', 'rejected']),
  step('publish.webhook', 'publish', []),
  step('publish.slack', 'publish', []),
]);

const nodes = [
  { id: 'trigger', data: { nodeType: 'trigger.manual' } },
  { id: 'draft', data: { nodeType: 'ai.generate' } },
  { id: 'brand', data: { nodeType: 'check.brand' } },
  { id: 'review', data: { nodeType: 'human.review' } },
  { id: 'webhook', data: { nodeType: 'publish.webhook' } },
  { id: 'slack', data: { nodeType: 'publish.slack' } },
];
const link = (source: string, sourceHandle: string, target: string): TandemEdge => ({
  id: edgeId(source, sourceHandle, target),
  source,
  sourceHandle,
  target,
  targetHandle: 'in',
});
const chain = [
  link('trigger', 'out', 'draft'),
  link('draft', 'out', 'brand'),
  link('brand', 'out', 'review'),
  link('review', 'approved', 'webhook'),
  link('review', 'rejected', 'slack'),
];
const ends = (edges: TandemEdge[]) =>
  edges.map((e) => `${e.source}:${e.sourceHandle}>${e.target}`).sort();

describe('edgesAfterRemoving', () => {
  it('joins the step before a deleted one to the step after it', () => {
    expect(ends(edgesAfterRemoving(nodes, chain, types, new Set(['draft'])))).toEqual([
      'brand:out>review',
      'review:approved>webhook',
      'review:rejected>slack',
      'trigger:out>brand',
    ]);
  });

  it('joins across several deleted steps in a row, from the output that led into them', () => {
    expect(ends(edgesAfterRemoving(nodes, chain, types, new Set(['draft', 'brand'])))).toEqual([
      'review:approved>webhook',
      'review:rejected>slack',
      'trigger:out>review',
    ]);
  });

  it('leaves the joining to the designer when the deleted step’s ways out differ', () => {
    expect(ends(edgesAfterRemoving(nodes, chain, types, new Set(['review'])))).toEqual([
      'draft:out>brand',
      'trigger:out>draft',
    ]);
  });

  it('joins nothing that the canvas would refuse: a step reached two ways, or a start step', () => {
    const twoWaysIn = [...chain, link('trigger', 'out', 'brand')];
    expect(ends(edgesAfterRemoving(nodes, twoWaysIn, types, new Set(['brand'])))).toEqual([
      'review:approved>webhook',
      'review:rejected>slack',
      'trigger:out>draft',
    ]);
    expect(ends(edgesAfterRemoving(nodes, chain, types, new Set(['trigger'])))).toEqual(
      ends(chain.slice(1)),
    );
  });
});
