import { describe, expect, it } from 'vitest';
import { layoutGraph } from './layout.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';
import {
  missingTriggerLink,
  spotBefore,
  stepAwaitingTrigger,
  triggerAddedNotice,
} from './trigger-link.js';

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
    type: 'publish.library',
    title: 'Save',
    category: 'publish',
    inputs: IN,
    outputs: OUT,
  },
] satisfies NodeTypeInfo[]);

const node = (id: string, nodeType: string) => ({ id, data: { nodeType } });
const edge = (source: string, target: string) => ({
  source,
  target,
  sourceHandle: 'out',
  targetHandle: 'in',
});

/** Built from blank: AI write → Save, then the trigger added last. */
const chain = {
  nodes: [
    node('ai', 'ai.generate'),
    node('save', 'publish.library'),
    node('start', 'trigger.manual'),
  ],
  edges: [edge('ai', 'save')],
};

describe('a trigger added to steps already chained', () => {
  it('leads to the one step nothing leads into', () => {
    expect(stepAwaitingTrigger(chain, types)).toBe('ai');
  });

  it('leads nowhere when no step, or more than one, waits for an input', () => {
    expect(
      stepAwaitingTrigger(
        { nodes: chain.nodes, edges: [edge('start', 'ai'), ...chain.edges] },
        types,
      ),
    ).toBeNull();
    expect(stepAwaitingTrigger({ nodes: chain.nodes, edges: [] }, types)).toBeNull();
  });

  it('goes one column left of that step, level with it', () => {
    expect(spotBefore({ x: 400, y: 120 })).toEqual({ x: 50, y: 120 });
  });

  it('names the connection that fixes the unreachable step: from the idle trigger', () => {
    expect(missingTriggerLink(chain, types, 'ai')).toEqual({
      source: 'start',
      sourceHandle: 'out',
      target: 'ai',
      targetHandle: 'in',
    });
    // Save has a step before it; the fix is elsewhere.
    expect(missingTriggerLink(chain, types, 'save')).toBeNull();
    // With the trigger already leading on, there is no one obvious connection.
    const led = {
      nodes: [...chain.nodes, node('x', 'ai.generate')],
      edges: [...chain.edges, edge('start', 'x')],
    };
    expect(missingTriggerLink(led, types, 'ai')).toBeNull();
  });

  it('is put first (leftmost) by Tidy up, before the chain it is not yet connected to', () => {
    const at = layoutGraph(
      [{ id: 'ai' }, { id: 'save' }, { id: 'start', first: true }],
      chain.edges,
    );
    expect(at.get('start')!.x).toBeLessThan(at.get('ai')!.x);
    expect(at.get('ai')!.x).toBeLessThan(at.get('save')!.x);
  });

  it('tells the designer what the trigger was connected to', () => {
    const ids = { added: 'start', before: 'ai' };
    expect(triggerAddedNotice(true, chain, types, ids)).toBe(
      'Added "Manual start", connected to "AI write"',
    );
    expect(triggerAddedNotice(false, chain, types, ids)).toBe('Added "Manual start"');
  });
});
