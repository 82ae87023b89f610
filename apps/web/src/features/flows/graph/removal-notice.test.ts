import { describe, expect, it } from 'vitest';
import { edgesAfterRemoving } from './bridge-removed.js';
import { edgeId, type TandemEdge } from './flow-graph.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';
import { removalNotice } from './removal-notice.js';

const base = { version: 1, description: '', icon: '', configSchema: {}, defaultConfig: {} };
const step = (type: string, title: string, category: string, outputs: string[]): NodeTypeInfo => ({
  ...base,
  type,
  title,
  category,
  inputs: category === 'trigger' ? [] : [{ id: 'in', label: 'In' }],
  outputs: outputs.map((id) => ({ id, label: id })),
});
const types = indexNodeTypes([
  step('trigger.manual', 'Manual start', 'trigger', ['out']),
  step('ai.generate', 'AI write', 'ai', ['out']),
  step('check.brand', 'Brand check', 'check', ['out']),
  step('human.review', 'Human review', 'human', ['approved', 'rejected']),
  step('publish.webhook', 'Webhook', 'publish', []),
]);
const nodes = [
  { id: 'trigger', data: { nodeType: 'trigger.manual' } },
  { id: 'draft', data: { nodeType: 'ai.generate', label: 'Draft' } },
  { id: 'brand', data: { nodeType: 'check.brand' } },
  { id: 'review', data: { nodeType: 'human.review', label: 'Review' } },
  { id: 'webhook', data: { nodeType: 'publish.webhook' } },
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
];
/** The notice for deleting these steps from the chain, as the editor removes them. */
const noticeFor = (ids: string[], edges = chain) => {
  const removed = new Set(ids);
  return removalNotice(
    nodes,
    edges,
    edgesAfterRemoving(nodes, edges, types, removed),
    removed,
    types,
  );
};

describe('removalNotice', () => {
  it('names the deleted step and the connection made in its place, by the steps’ names', () => {
    expect(noticeFor(['brand'])).toBe(
      'Deleted “Brand check”; connected “Draft” → “Review”. Undo: Ctrl+Z',
    );
  });

  it('counts several deleted steps, naming the one connection made across them', () => {
    expect(noticeFor(['draft', 'brand'])).toBe(
      'Deleted 2 steps; connected “Manual start” → “Review”. Undo: Ctrl+Z',
    );
  });

  it('says nothing when nothing was reconnected', () => {
    const approvedOrNot = [...chain, link('review', 'rejected', 'draft')];
    expect(noticeFor(['review'], approvedOrNot)).toBeNull();
    expect(noticeFor(['webhook'])).toBeNull();
  });

  it('says nothing when the neighbours were already connected', () => {
    expect(noticeFor(['brand'], [...chain, link('draft', 'out', 'review')])).toBeNull();
  });
});
