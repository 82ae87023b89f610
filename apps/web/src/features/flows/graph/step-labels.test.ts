import { describe, expect, it } from 'vitest';
import type { TandemNode } from './flow-graph.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';
import { memoStepLabels, stepLabels } from './step-labels.js';

const types = indexNodeTypes([
  { type: 'ai.generate', title: 'AI write' } as NodeTypeInfo,
  { type: 'check.budget', title: 'Budget guard' } as NodeTypeInfo,
]);
const node = (id: string, nodeType: string, label?: string): TandemNode => ({
  id,
  type: 'tandem',
  position: { x: 0, y: 0 },
  data: { nodeType, config: {}, ...(label ? { label } : {}) },
});

describe('stepLabels', () => {
  const nodes = [node('draft', 'ai.generate', 'Draft the post'), node('budget', 'check.budget')];

  it('names a step by its name and kind, and an unnamed one by its kind once', () => {
    expect(stepLabels(nodes, types, {}, undefined)).toEqual({
      draft: 'Draft the post, AI write step',
      budget: 'Budget guard step',
    });
  });

  it('says how many problems and warnings a step has, in words', () => {
    const labels = stepLabels(
      nodes,
      types,
      { draft: { errors: 2, warnings: 0 }, budget: { errors: 0, warnings: 1 } },
      undefined,
    );
    expect(labels.draft).toBe('Draft the post, AI write step, 2 problems');
    expect(labels.budget).toBe('Budget guard step, 1 warning');
  });

  it('adds where the test run is at that step', () => {
    const labels = stepLabels(nodes, types, {}, { draft: { status: 'done' } });
    expect(labels.draft).toBe('Draft the post, AI write step, done');
  });

  it('says a waiting checkpoint waits for review, and a waiting Wait step only waits', () => {
    const held = [node('review', 'human.review', 'Review'), node('pause', 'util.delay', 'Pause')];
    const labels = stepLabels(
      held,
      indexNodeTypes([
        { type: 'human.review', title: 'Human review' } as NodeTypeInfo,
        { type: 'util.delay', title: 'Wait' } as NodeTypeInfo,
      ]),
      {},
      { review: { status: 'waiting' }, pause: { status: 'waiting' } },
    );
    expect(labels.review).toBe('Review, Human review step, waiting for review');
    expect(labels.pause).toBe('Pause, Wait step, waiting');
  });
});

describe('memoStepLabels', () => {
  const nodes = [node('draft', 'ai.generate', 'Draft the post'), node('budget', 'check.budget')];
  const none = {};

  it('keeps the labels while steps only move, and builds them again when one is renamed', () => {
    const labelsOf = memoStepLabels();
    const before = labelsOf(nodes, types, none, undefined);
    const dragged = nodes.map((n) => ({ ...n, position: { x: 40, y: 10 } }));
    expect(labelsOf(dragged, types, none, undefined)).toBe(before);

    const renamed = [
      { ...dragged[0]!, data: { ...dragged[0]!.data, label: 'Write it' } },
      dragged[1]!,
    ];
    expect(labelsOf(renamed, types, none, undefined).draft).toBe('Write it, AI write step');
  });

  it('builds them again when the problems or the run change', () => {
    const labelsOf = memoStepLabels();
    labelsOf(nodes, types, none, undefined);
    expect(labelsOf(nodes, types, { budget: { errors: 1, warnings: 0 } }, undefined).budget).toBe(
      'Budget guard step, 1 problem',
    );
    expect(labelsOf(nodes, types, {}, { draft: { status: 'done' } }).draft).toBe(
      'Draft the post, AI write step, done',
    );
  });
});
