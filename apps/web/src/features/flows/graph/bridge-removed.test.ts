import { describe, expect, it } from 'vitest';
import { edgesAfterRemoving } from './bridge-removed.js';
import { approvedChain, chainNodes, chainTypes, link } from './chain-fixture.js';
import type { TandemEdge } from './flow-graph.js';

const types = chainTypes;
const nodes = chainNodes;
const chain = [...approvedChain, link('review', 'rejected', 'slack')];
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
