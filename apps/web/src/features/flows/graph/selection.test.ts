import { describe, expect, it } from 'vitest';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';
import { describeConnection, panelSelection } from './selection.js';

const base = { version: 1, description: '', icon: '', configSchema: {}, defaultConfig: {} };
const types = indexNodeTypes([
  {
    ...base,
    type: 'ai.generate',
    title: 'AI write',
    category: 'ai',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [{ id: 'out', label: 'Out' }],
  },
  {
    ...base,
    type: 'human.review',
    title: 'Human review',
    category: 'human',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [
      { id: 'approved', label: 'Approved' },
      { id: 'rejected', label: 'Rejected' },
    ],
  },
] satisfies NodeTypeInfo[]);

describe('panelSelection', () => {
  const step = (id: string, selected = false) => ({ id, selected });

  it('shows the one selected step, or the one selected connection', () => {
    expect(panelSelection([step('a', true), step('b')], [step('e1')])).toEqual({
      selectedNodeId: 'a',
      selectedEdgeId: null,
    });
    expect(panelSelection([step('a'), step('b')], [step('e1', true)])).toEqual({
      selectedNodeId: null,
      selectedEdgeId: 'e1',
    });
  });

  it('shows nothing with nothing or several things selected, steps and connections alike', () => {
    const none = { selectedNodeId: null, selectedEdgeId: null };
    expect(panelSelection([step('a')], [step('e1')])).toEqual(none);
    expect(panelSelection([step('a', true), step('b', true)], [])).toEqual(none);
    // A step and a connection: the panel could only show one of them, so it shows neither.
    expect(panelSelection([step('a', true)], [step('e1', true)])).toEqual(none);
    expect(panelSelection([], [step('e1', true), step('e2', true)])).toEqual(none);
  });
});

describe('describeConnection', () => {
  const nodes = [
    { id: 'draft', data: { nodeType: 'ai.generate', label: 'Write the post' } },
    { id: 'review', data: { nodeType: 'human.review' } },
    { id: 'post', data: { nodeType: 'ai.generate' } },
  ];

  it('names both steps as their cards do, and the way out of a step with several', () => {
    expect(
      describeConnection(
        { source: 'draft', sourceHandle: 'out', target: 'review', targetHandle: 'in' },
        nodes,
        types,
      ),
    ).toEqual({
      from: { nodeId: 'draft', name: 'Write the post', handle: null },
      to: { nodeId: 'review', name: 'Human review', handle: null },
    });
    expect(
      describeConnection(
        { source: 'review', sourceHandle: 'rejected', target: 'post' },
        nodes,
        types,
      ).from,
    ).toEqual({ nodeId: 'review', name: 'Human review', handle: 'Rejected' });
  });

  it('reads a connection saved without a handle as leaving by the first way out', () => {
    expect(describeConnection({ source: 'review', target: 'post' }, nodes, types).from.handle).toBe(
      'Approved',
    );
    // A step whose type is unknown is named by its id.
    expect(describeConnection({ source: 'gone', target: 'post' }, nodes, types).from).toEqual({
      nodeId: 'gone',
      name: 'gone',
      handle: null,
    });
  });
});
