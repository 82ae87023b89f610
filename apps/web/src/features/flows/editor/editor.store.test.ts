import { beforeEach, describe, expect, it } from 'vitest';
import { stepToFollow } from '../graph/auto-connect.js';
import { toCanvasNodes } from '../graph/flow-graph.js';
import type { NodeTypeInfo } from '../graph/node-catalog.js';
import { useEditorStore } from './editor.store.js';

const base = { version: 1, description: '', icon: '', configSchema: {} };
const TYPES: NodeTypeInfo[] = [
  {
    ...base,
    type: 'trigger.manual',
    title: 'Manual start',
    category: 'trigger',
    inputs: [],
    outputs: [{ id: 'out', label: 'Out' }],
    defaultConfig: { fields: [] },
  },
  {
    ...base,
    type: 'ai.generate',
    title: 'AI write',
    category: 'ai',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [{ id: 'out', label: 'Out' }],
    defaultConfig: { prompt: 'Hi' },
  },
];

const store = () => useEditorStore.getState();
const ids = () => store().nodes.map((n) => n.id);

describe('editor store', () => {
  beforeEach(() => {
    store().setTypes(TYPES);
    store().load({ nodes: [], edges: [] });
  });

  it('adds steps with readable ids and their default config, and undoes/redoes as single steps', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    store().addNode('ai.generate', { x: 300, y: 0 });
    expect(ids()).toEqual(['trigger', 'draft']);
    expect(store().nodes[1]!.data.config).toEqual({ prompt: 'Hi' });
    expect(store().selectedNodeId).toBe('draft');
    store().connect({
      source: 'trigger',
      sourceHandle: 'out',
      target: 'draft',
      targetHandle: 'in',
    });
    expect(store().edges).toHaveLength(1);
    expect(store().dirty).toBe(true);
    store().undo();
    expect(store().edges).toHaveLength(0);
    store().undo();
    expect(ids()).toEqual(['trigger']);
    store().redo();
    store().redo();
    expect(ids()).toEqual(['trigger', 'draft']);
    expect(store().edges).toHaveLength(1);
  });

  it('connects a step added after another like a hand-drawn edge, undone together with the step', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    const added = store().addNode('ai.generate', { x: 300, y: 0 }, 'trigger');
    expect(added).toEqual({
      id: 'draft',
      link: {
        ok: true,
        connection: { source: 'trigger', sourceHandle: 'out', target: 'draft', targetHandle: 'in' },
      },
    });
    const [auto] = store().edges;
    expect(store().selectedNodeId).toBe('draft');
    expect(store().nodes.map((n) => n.selected)).toEqual([false, true]);
    // One undo takes back the step and its edge, as one click added them.
    store().undo();
    expect(ids()).toEqual(['trigger']);
    expect(store().edges).toHaveLength(0);
    store().redo();
    expect(store().edges).toEqual([auto]);
    // Drawn by hand instead, the edge is the same one.
    store().onEdgesChange([{ type: 'remove', id: auto!.id }]);
    store().connect({
      source: 'trigger',
      sourceHandle: 'out',
      target: 'draft',
      targetHandle: 'in',
    });
    expect(store().edges).toEqual([auto]);
  });

  it('adds a step unconnected when the step before cannot lead into it', () => {
    store().addNode('ai.generate', { x: 0, y: 0 });
    const added = store().addNode('trigger.manual', { x: 300, y: 0 }, 'draft');
    expect(added?.link).toMatchObject({
      ok: false,
      reason: expect.stringContaining('starts a flow'),
    });
    expect(ids()).toEqual(['draft', 'trigger']);
    expect(store().edges).toHaveLength(0);
    expect(store().addNode('ai.generate', { x: 0, y: 200 })).toEqual({ id: 'draft_2', link: null });
  });

  it('coalesces rapid config edits of one step into one undo step', () => {
    store().addNode('ai.generate', { x: 0, y: 0 });
    store().updateConfig('draft', { prompt: 'H' });
    store().updateConfig('draft', { prompt: 'He' });
    store().updateConfig('draft', { prompt: 'Hey' });
    store().undo();
    expect(store().nodes[0]!.data.config).toEqual({ prompt: 'Hi' });
  });

  it('duplicates the selection with fresh ids, and deletes steps with their connections', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    store().addNode('ai.generate', { x: 300, y: 0 });
    store().connect({
      source: 'trigger',
      sourceHandle: 'out',
      target: 'draft',
      targetHandle: 'in',
    });
    store().select('draft');
    store().duplicateSelected();
    expect(ids()).toEqual(['trigger', 'draft', 'draft_2']);
    expect(store().nodes.find((n) => n.id === 'draft_2')!.position).toEqual({ x: 340, y: 40 });
    store().select('draft');
    store().removeSelected();
    expect(ids()).toEqual(['trigger', 'draft_2']);
    expect(store().edges).toHaveLength(0);
  });

  it('keeps a chain joined when a step in its middle is deleted, and undo brings the step back', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    store().addNode('ai.generate', { x: 300, y: 0 }, 'trigger');
    store().addNode('ai.generate', { x: 600, y: 0 }, 'draft');
    const chain = store().edges.map((e) => `${e.source}>${e.target}`);
    expect(chain).toEqual(['trigger>draft', 'draft>draft_2']);
    store().select('draft');
    store().removeSelected();
    expect(ids()).toEqual(['trigger', 'draft_2']);
    expect(store().edges.map((e) => `${e.source}>${e.target}`)).toEqual(['trigger>draft_2']);
    store().undo();
    expect(ids()).toEqual(['trigger', 'draft', 'draft_2']);
    expect(store().edges.map((e) => `${e.source}>${e.target}`)).toEqual(chain);
  });

  it('shows in the panel exactly what the canvas selects: a connection clicked replaces the step', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    store().addNode('ai.generate', { x: 300, y: 0 }, 'trigger');
    const [edge] = store().edges;
    expect(store().selectedNodeId).toBe('draft');
    // What React Flow reports for a click on the connection: the step loses its selection first.
    store().onNodesChange([{ type: 'select', id: 'draft', selected: false }]);
    store().onEdgesChange([{ type: 'select', id: edge!.id, selected: true }]);
    expect(store().selectedNodeId).toBeNull();
    expect(store().selectedEdgeId).toBe(edge!.id);
    // So a palette click has no step to follow, as the panel says.
    expect(stepToFollow(store().nodes, store().selectedNodeId)).toBeNull();
    // Delete removes the connection, not the step it came from, and the panel closes.
    store().removeSelected();
    expect(store().edges).toHaveLength(0);
    expect(ids()).toEqual(['trigger', 'draft']);
    expect(store().selectedEdgeId).toBeNull();
    // Undo brings it back selected, as it was.
    store().undo();
    expect(store().selectedEdgeId).toBe(edge!.id);
  });

  it('closes the panel with several things selected, and selecting a step unselects connections', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    store().addNode('ai.generate', { x: 300, y: 0 }, 'trigger');
    const [edge] = store().edges;
    store().onNodesChange([{ type: 'select', id: 'trigger', selected: true }]);
    expect(store().selectedNodeId).toBeNull();
    store().select('trigger');
    expect(store().selectedNodeId).toBe('trigger');
    store().onEdgesChange([{ type: 'select', id: edge!.id, selected: true }]);
    expect([store().selectedNodeId, store().selectedEdgeId]).toEqual([null, null]);
    store().select('draft');
    expect(store().edges[0]!.selected).toBe(false);
    expect([store().selectedNodeId, store().selectedEdgeId]).toEqual(['draft', null]);
    // A step added while a connection is selected is the one thing selected afterwards.
    store().onEdgesChange([{ type: 'select', id: edge!.id, selected: true }]);
    store().onNodesChange([{ type: 'select', id: 'draft', selected: false }]);
    store().addNode('ai.generate', { x: 600, y: 0 });
    expect([store().selectedNodeId, store().selectedEdgeId]).toEqual(['draft_2', null]);
    store().select(null);
    expect([store().selectedNodeId, store().selectedEdgeId]).toEqual([null, null]);
  });

  it('replaces the whole graph (an import, a restored version) as one undo step, with the panel closed', () => {
    store().addNode('trigger.manual', { x: 0, y: 0 });
    store().addNode('ai.generate', { x: 300, y: 0 }, 'trigger');
    const before = { nodes: store().nodes, edges: store().edges };
    const [edge] = store().edges;
    store().onNodesChange([{ type: 'select', id: 'draft', selected: false }]);
    store().onEdgesChange([{ type: 'select', id: edge!.id, selected: true }]);
    expect(store().selectedEdgeId).toBe(edge!.id);
    // The same step ids, unselected, as a file or a version brings them.
    const replacement = before.nodes.map((n) => ({ ...n, selected: false }));
    store().replaceGraph({ nodes: replacement, edges: [] });
    expect([store().selectedNodeId, store().selectedEdgeId]).toEqual([null, null]);
    expect(store().edges).toHaveLength(0);
    expect(store().dirty).toBe(true);
    store().undo();
    expect(store().edges.map((e) => e.id)).toEqual([edge!.id]);
  });

  it('refuses edits while viewing a version read-only', () => {
    store().load({ nodes: [], edges: [] }, { readOnly: true });
    expect(store().addNode('trigger.manual', { x: 0, y: 0 })).toBeNull();
    expect(store().nodes).toHaveLength(0);
  });

  it('drops estimated handles once the browser measured a card', () => {
    const big = {
      nodes: Array.from({ length: 201 }, (_, i) => ({
        id: `n${i}`,
        type: 'ai.generate',
        position: { x: i, y: 0 },
        config: {},
      })),
    };
    store().load({ nodes: toCanvasNodes(big, (t) => store().types.get(t)), edges: [] });
    expect(store().nodes[0]!.handles).toBeDefined();
    store().onNodesChange([
      { type: 'dimensions', id: 'n0', dimensions: { width: 260, height: 90 } },
    ]);
    expect(store().nodes[0]!.handles).toBeUndefined();
    expect(store().nodes[1]!.handles).toBeDefined();
    expect(store().dirty).toBe(false);
  });
});
