import { describe, expect, it } from 'vitest';
import type { TandemEdge, TandemNode } from './flow-graph.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';
import { withStartingConfig } from './starting-config.js';

const types = indexNodeTypes(
  [
    ['trigger.manual', 'trigger'],
    ['ai.generate', 'ai'],
    ['check.brand', 'check'],
    ['human.review', 'human'],
    ['logic.branch', 'logic'],
  ].map(([type, category]) => ({ type, category }) as NodeTypeInfo),
);
const defaultRules = [{ path: 'steps.check.passed', operator: 'is_true' }];
const node = (id: string, nodeType: string, config: Record<string, unknown> = {}): TandemNode => ({
  id,
  type: 'tandem',
  position: { x: 0, y: 0 },
  data: { nodeType, config },
});
const edge = (source: string, target: string): TandemEdge => ({
  id: `${source}-${target}`,
  source,
  target,
});
const rulesOf = (nodes: TandemNode[], id: string) =>
  nodes.find((n) => n.id === id)?.data.config.rules;

describe('withStartingConfig', () => {
  const nodes = [
    node('trigger', 'trigger.manual'),
    node('draft', 'ai.generate'),
    node('brand', 'check.brand'),
    node('branch', 'logic.branch', { match: 'all', rules: defaultRules }),
  ];

  it('points a new Branch at the nearest check before it', () => {
    const edges = [edge('trigger', 'draft'), edge('draft', 'brand'), edge('brand', 'branch')];
    expect(rulesOf(withStartingConfig(nodes, edges, 'branch', types), 'branch')).toEqual([
      { path: 'steps.brand.passed', operator: 'is_true' },
    ]);
  });

  it('keeps the default when no check runs before it, and leaves other steps alone', () => {
    const edges = [edge('trigger', 'draft'), edge('draft', 'branch')];
    expect(withStartingConfig(nodes, edges, 'branch', types)).toBe(nodes);
    expect(withStartingConfig(nodes, [edge('brand', 'draft')], 'draft', types)).toBe(nodes);
  });

  it('keeps rules the designer already wrote (a pasted Branch)', () => {
    const own = [{ path: 'input.topic', operator: 'is_not_empty' }];
    const pasted = [...nodes.slice(0, 3), node('branch', 'logic.branch', { rules: own })];
    expect(withStartingConfig(pasted, [edge('brand', 'branch')], 'branch', types)).toBe(pasted);
  });
});

describe('withStartingConfig, the start form’s fields', () => {
  const form = (...names: string[]) =>
    node('trigger', 'trigger.manual', {
      fields: names.map((name) => ({ name, label: name, kind: 'text', required: true })),
    });
  const draft = node('draft', 'ai.generate', {
    prompt: 'Write a short blog post about {{ input.topic }}.',
    system: '',
    temperature: 0.7,
  });
  const promptOf = (nodes: TandemNode[]) => nodes.find((n) => n.id === 'draft')?.data.config.prompt;

  it('writes about the form’s first field when it has no “topic”', () => {
    const nodes = withStartingConfig(
      [form('brief', 'audience'), draft],
      [edge('trigger', 'draft')],
      'draft',
      types,
    );
    expect(promptOf(nodes)).toBe('Write a short blog post about {{ input.brief }}.');
    expect(nodes.find((n) => n.id === 'draft')?.data.config.temperature).toBe(0.7);
  });

  it('keeps “topic” where the form has it, and where there is no form to go by', () => {
    const withTopic = [form('brief', 'topic'), draft];
    expect(promptOf(withStartingConfig(withTopic, [], 'draft', types))).toContain('input.topic');
    expect(promptOf(withStartingConfig([draft], [], 'draft', types))).toContain('input.topic');
    const noFields = [form(), draft];
    expect(promptOf(withStartingConfig(noFields, [], 'draft', types))).toContain('input.topic');
  });

  it('goes by the start form of a step not connected yet when the flow has one', () => {
    const nodes = withStartingConfig([form('product'), draft], [], 'draft', types);
    expect(promptOf(nodes)).toBe('Write a short blog post about {{ input.product }}.');
  });
});
