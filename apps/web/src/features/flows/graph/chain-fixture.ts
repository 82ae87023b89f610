/* A small flow for the tests of deleting steps from a chain (bridge-removed, removal-notice). */
import { edgeId, type TandemEdge } from './flow-graph.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const base = { version: 1, description: '', icon: '', configSchema: {}, defaultConfig: {} };
const step = (type: string, title: string, category: string, outputs: string[]): NodeTypeInfo => ({
  ...base,
  type,
  title,
  category,
  inputs: category === 'trigger' ? [] : [{ id: 'in', label: 'In' }],
  outputs: outputs.map((id) => ({ id, label: id })),
});

export const chainTypes = indexNodeTypes([
  step('trigger.manual', 'Manual start', 'trigger', ['out']),
  step('ai.generate', 'AI write', 'ai', ['out']),
  step('check.brand', 'Brand check', 'check', ['out']),
  step('human.review', 'Human review', 'human', ['approved', 'rejected']),
  step('publish.webhook', 'Webhook', 'publish', []),
  step('publish.slack', 'Slack', 'publish', []),
]);

/** Two steps carry labels of their own; the others go by their type's title. */
export const chainNodes = [
  { id: 'trigger', data: { nodeType: 'trigger.manual' } },
  { id: 'draft', data: { nodeType: 'ai.generate', label: 'Draft' } },
  { id: 'brand', data: { nodeType: 'check.brand' } },
  { id: 'review', data: { nodeType: 'human.review', label: 'Review' } },
  { id: 'webhook', data: { nodeType: 'publish.webhook' } },
  { id: 'slack', data: { nodeType: 'publish.slack' } },
];

export const link = (source: string, sourceHandle: string, target: string): TandemEdge => ({
  id: edgeId(source, sourceHandle, target),
  source,
  sourceHandle,
  target,
  targetHandle: 'in',
});

/** trigger → draft → brand → review → (approved) webhook; slack is not connected. */
export const approvedChain = [
  link('trigger', 'out', 'draft'),
  link('draft', 'out', 'brand'),
  link('brand', 'out', 'review'),
  link('review', 'approved', 'webhook'),
];
