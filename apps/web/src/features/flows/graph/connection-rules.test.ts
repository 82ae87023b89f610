import { describe, expect, it } from 'vitest';
import {
  attemptFromDrag,
  attemptOntoCard,
  checkConnection,
  wouldCreateCycle,
} from './connection-rules.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const base = { version: 1, description: '', icon: '', configSchema: {}, defaultConfig: {} };
const types = indexNodeTypes([
  {
    ...base,
    type: 'trigger.manual',
    title: 'Manual',
    category: 'trigger',
    inputs: [],
    outputs: [{ id: 'out', label: 'Out' }],
  },
  {
    ...base,
    type: 'ai.generate',
    title: 'Generate',
    category: 'ai',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [{ id: 'out', label: 'Out' }],
  },
  {
    ...base,
    type: 'human.review',
    title: 'Review',
    category: 'human',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [
      { id: 'approved', label: 'Approved' },
      { id: 'rejected', label: 'Rejected' },
    ],
  },
  {
    ...base,
    type: 'publish.webhook',
    title: 'Webhook',
    category: 'publish',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [],
  },
] satisfies NodeTypeInfo[]);

const node = (id: string, nodeType: string) => ({ id, data: { nodeType } });
const graph = {
  nodes: [
    node('t', 'trigger.manual'),
    node('a', 'ai.generate'),
    node('r', 'human.review'),
    node('p', 'publish.webhook'),
  ],
  edges: [
    { source: 't', target: 'a', sourceHandle: 'out', targetHandle: 'in' },
    { source: 'a', target: 'r' },
  ],
};

describe('checkConnection', () => {
  it('accepts a valid edge from a named output handle', () => {
    expect(
      checkConnection(graph, types, {
        source: 'r',
        sourceHandle: 'approved',
        target: 'p',
        targetHandle: 'in',
      }),
    ).toEqual({ ok: true });
  });
  it('refuses edges into a trigger and out of a publish step', () => {
    expect(checkConnection(graph, types, { source: 'a', target: 't' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('starts a flow'),
    });
    expect(checkConnection(graph, types, { source: 'p', target: 'a' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ends the flow'),
    });
  });
  it('refuses self loops, cycles and duplicates', () => {
    expect(checkConnection(graph, types, { source: 'a', target: 'a' }).ok).toBe(false);
    expect(
      checkConnection(graph, types, { source: 'r', sourceHandle: 'rejected', target: 'a' }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('loop') });
    expect(
      checkConnection(graph, types, { source: 't', sourceHandle: 'out', target: 'a' }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('already connected') });
  });
  it('refuses unknown handles and missing nodes', () => {
    expect(
      checkConnection(graph, types, { source: 'r', sourceHandle: 'maybe', target: 'p' }).ok,
    ).toBe(false);
    expect(checkConnection(graph, types, { source: 'x', target: 'p' }).ok).toBe(false);
    expect(checkConnection(graph, types, { source: null, target: 'p' }).ok).toBe(false);
  });
  it('lets the same pair connect through two different handles', () => {
    const g = {
      ...graph,
      edges: [...graph.edges, { source: 'r', target: 'p', sourceHandle: 'approved' }],
    };
    expect(
      checkConnection(g, types, { source: 'r', sourceHandle: 'rejected', target: 'p' }).ok,
    ).toBe(true);
  });
});

describe('wouldCreateCycle', () => {
  it('detects indirect loops only', () => {
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ];
    expect(wouldCreateCycle(edges, 'c', 'a')).toBe(true);
    expect(wouldCreateCycle(edges, 'a', 'c')).toBe(false);
  });
});

describe('attemptFromDrag', () => {
  it('reads a drag from an output forwards and one from an input backwards', () => {
    const out = { nodeId: 'review', id: 'approved', type: 'source' as const };
    const inp = { nodeId: 'webhook', id: 'in', type: 'target' as const };
    const edge = {
      source: 'review',
      target: 'webhook',
      sourceHandle: 'approved',
      targetHandle: 'in',
    };
    expect(attemptFromDrag(out, inp)).toEqual(edge);
    expect(attemptFromDrag(inp, out)).toEqual(edge);
  });
});

describe('attemptOntoCard', () => {
  it('connects an output let go over a card into that step, checked like any connection', () => {
    const approved = { nodeId: 'r', id: 'approved', type: 'source' as const };
    const attempt = attemptOntoCard(approved, 'p');
    expect(attempt).toEqual({
      source: 'r',
      target: 'p',
      sourceHandle: 'approved',
      targetHandle: null,
    });
    expect(checkConnection(graph, types, attempt!)).toEqual({ ok: true });
    // Over the trigger's card it is refused with the reason, as on a handle.
    const out = { nodeId: 'a', id: 'out', type: 'source' as const };
    expect(checkConnection(graph, types, attemptOntoCard(out, 't')!)).toEqual({
      ok: false,
      reason: '"Manual" starts a flow; nothing can lead into it',
    });
  });

  it('leaves a drag from an input, or over its own card, to the handles', () => {
    expect(attemptOntoCard({ nodeId: 'p', id: 'in', type: 'target' }, 'r')).toBeNull();
    expect(attemptOntoCard({ nodeId: 'a', id: 'out', type: 'source' }, 'a')).toBeNull();
  });
});
