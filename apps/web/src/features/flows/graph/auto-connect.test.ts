import { describe, expect, it } from 'vitest';
import {
  autoLinkNotice,
  firstFreeOutput,
  linkToAddedStep,
  nextOutputRow,
  stepToFollow,
} from './auto-connect.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const base = { version: 1, description: '', icon: '', configSchema: {}, defaultConfig: {} };
const IN = [{ id: 'in', label: 'In' }];
const OUT = [{ id: 'out', label: 'Out' }];
const types = indexNodeTypes([
  {
    ...base,
    type: 'trigger.manual',
    title: 'Manual start',
    category: 'trigger',
    inputs: [],
    outputs: OUT,
  },
  { ...base, type: 'ai.generate', title: 'AI write', category: 'ai', inputs: IN, outputs: OUT },
  {
    ...base,
    type: 'human.review',
    title: 'Human review',
    category: 'human',
    inputs: IN,
    outputs: [
      { id: 'approved', label: 'Approved' },
      { id: 'rejected', label: 'Rejected' },
    ],
  },
  { ...base, type: 'util.end', title: 'End', category: 'util', inputs: IN, outputs: [] },
] satisfies NodeTypeInfo[]);

const node = (id: string, nodeType: string, label?: string) => ({
  id,
  data: { nodeType, ...(label ? { label } : {}) },
});

describe('stepToFollow', () => {
  it('follows the one selected step, and none when nothing or several are selected', () => {
    const a = { id: 'a', selected: true };
    const b = { id: 'b', selected: false };
    expect(stepToFollow([a, b], 'a')).toBe('a');
    expect(stepToFollow([{ id: 'a' }, b], null)).toBeNull();
    expect(stepToFollow([a, { id: 'b', selected: true }], 'a')).toBeNull();
    // The settings panel still names a step the canvas no longer shows selected.
    expect(stepToFollow([{ id: 'a', selected: false }, b], 'a')).toBeNull();
  });
});

describe('firstFreeOutput', () => {
  const review = types.get('human.review')!;

  it('takes the outputs in declared order, skipping those already connected', () => {
    expect(firstFreeOutput([], review, 'r')).toBe('approved');
    expect(
      firstFreeOutput([{ source: 'r', sourceHandle: 'approved', target: 'p' }], review, 'r'),
    ).toBe('rejected');
    expect(
      firstFreeOutput(
        [
          { source: 'r', sourceHandle: 'approved', target: 'p' },
          { source: 'r', sourceHandle: 'rejected', target: 'q' },
        ],
        review,
        'r',
      ),
    ).toBeNull();
  });

  it('counts an edge saved without a handle as leaving from the first output', () => {
    expect(firstFreeOutput([{ source: 'r', target: 'p' }], review, 'r')).toBe('rejected');
    expect(firstFreeOutput([{ source: 'x', target: 'r' }], review, 'r')).toBe('approved');
  });
});

describe('nextOutputRow', () => {
  it('is the place of the output the next step hangs from', () => {
    const nodes = [node('review', 'human.review'), node('draft', 'ai.generate')];
    expect(nextOutputRow({ nodes, edges: [] }, types, 'review')).toBe(0);
    const approved = [{ source: 'review', sourceHandle: 'approved', target: 'draft' }];
    expect(nextOutputRow({ nodes, edges: approved }, types, 'review')).toBe(1);
    const used = [{ source: 'draft', sourceHandle: 'out', target: 'review' }];
    expect(nextOutputRow({ nodes, edges: used }, types, 'draft')).toBe(0);
    expect(nextOutputRow({ nodes, edges: [] }, types, 'gone')).toBe(0);
  });
});

describe('linkToAddedStep', () => {
  it('links the first free output to the new step’s input, both handles named', () => {
    const graph = {
      nodes: [node('trigger', 'trigger.manual'), node('draft', 'ai.generate')],
      edges: [],
    };
    expect(linkToAddedStep(graph, types, 'trigger', 'draft')).toEqual({
      ok: true,
      connection: { source: 'trigger', sourceHandle: 'out', target: 'draft', targetHandle: 'in' },
    });
  });

  it('continues a review from Rejected once Approved leads somewhere', () => {
    const graph = {
      nodes: [
        node('review', 'human.review'),
        node('draft', 'ai.generate'),
        node('draft_2', 'ai.generate'),
      ],
      edges: [{ source: 'review', sourceHandle: 'approved', target: 'draft' }],
    };
    expect(linkToAddedStep(graph, types, 'review', 'draft_2')).toMatchObject({
      ok: true,
      connection: { sourceHandle: 'rejected', targetHandle: 'in' },
    });
  });

  it('says why when the step before is fully connected, ends the flow, or the new one is a trigger', () => {
    const full = {
      nodes: [
        node('draft', 'ai.generate'),
        node('draft_2', 'ai.generate'),
        node('draft_3', 'ai.generate'),
      ],
      edges: [{ source: 'draft', sourceHandle: 'out', target: 'draft_2' }],
    };
    expect(linkToAddedStep(full, types, 'draft', 'draft_3')).toEqual({
      ok: false,
      reason: '"AI write" already leads on to other steps',
    });
    const end = { nodes: [node('end', 'util.end'), node('draft', 'ai.generate')], edges: [] };
    expect(linkToAddedStep(end, types, 'end', 'draft')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ends the flow'),
    });
    const trigger = {
      nodes: [node('draft', 'ai.generate'), node('trigger', 'trigger.manual')],
      edges: [],
    };
    expect(linkToAddedStep(trigger, types, 'draft', 'trigger')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('starts a flow'),
    });
  });
});

describe('autoLinkNotice', () => {
  const graph = {
    nodes: [
      node('draft', 'ai.generate', 'Draft the post'),
      node('review', 'human.review'),
      node('draft_2', 'ai.generate'),
    ],
    edges: [],
  };

  it('names both steps, and the path taken out of a step with several', () => {
    const link = linkToAddedStep(graph, types, 'draft', 'review');
    expect(autoLinkNotice(link, graph, types, { from: 'draft', added: 'review' })).toBe(
      'Added "Human review" after "Draft the post"',
    );
    const fromReview = linkToAddedStep(graph, types, 'review', 'draft_2');
    expect(autoLinkNotice(fromReview, graph, types, { from: 'review', added: 'draft_2' })).toBe(
      'Added "AI write" after "Human review" (Approved)',
    );
  });

  it('says why the new step was left unconnected', () => {
    expect(
      autoLinkNotice({ ok: false, reason: 'No room' }, graph, types, {
        from: 'draft',
        added: 'draft_2',
      }),
    ).toBe('Added "AI write", not connected: No room');
  });
});
