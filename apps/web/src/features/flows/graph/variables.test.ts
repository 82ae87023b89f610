import { describe, expect, it } from 'vitest';
import {
  applySuggestion,
  filterSuggestions,
  offeredSuggestions,
  openVariableAt,
  shortValuesFirst,
  unknownVariables,
  upstreamOf,
  variableSuggestions,
} from './variables.js';
import { describeNodeTypes } from '@tandem/nodes';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const n = (id: string, nodeType: string, config: Record<string, unknown> = {}) => ({
  id,
  data: { nodeType, config },
});
const graph = {
  nodes: [
    n('trigger', 'trigger.manual', {
      fields: [
        { name: 'topic', label: 'Topic' },
        { name: 'audience', label: 'Audience' },
      ],
    }),
    n('draft', 'ai.generate', { output: 'text' }),
    n('check', 'check.brand'),
    n('plan', 'ai.generate', {
      output: 'json',
      fields: [{ name: 'items', description: 'Budget lines' }],
    }),
    n('review', 'human.review'),
    n('side', 'ai.generate'),
  ],
  edges: [
    { source: 'trigger', target: 'draft' },
    { source: 'draft', target: 'check' },
    { source: 'trigger', target: 'plan' },
    { source: 'check', target: 'review' },
    { source: 'plan', target: 'review' },
  ],
};

describe('upstreamOf', () => {
  it('lists every earlier step, nearest first, and nothing downstream or unrelated', () => {
    expect(upstreamOf(graph, 'review')).toEqual(['check', 'plan', 'draft', 'trigger']);
    expect(upstreamOf(graph, 'draft')).toEqual(['trigger']);
    expect(upstreamOf(graph, 'side')).toEqual([]);
  });
});

describe('variableSuggestions', () => {
  it('offers input fields, upstream outputs and the brand kit', () => {
    const paths = variableSuggestions(graph, 'review').map((s) => s.path);
    expect(paths).toContain('input.topic');
    expect(paths).toContain('input.audience');
    expect(paths).toContain('steps.draft.text');
    expect(paths).toContain('steps.check.passed');
    expect(paths).toContain('steps.plan.data.items');
    expect(paths).toContain('brand.voice');
    expect(paths.some((p) => p.startsWith('steps.side'))).toBe(false);
    expect(paths.some((p) => p.startsWith('steps.review'))).toBe(false);
  });

  it("accepts a manual start's fields as a step's outputs, but offers them once, as the input", () => {
    const all = variableSuggestions(graph, 'draft');
    expect(all.map((s) => s.path)).toContain('steps.trigger.topic');
    const offered = offeredSuggestions(all).map((s) => s.path);
    expect(offered).toContain('input.topic');
    expect(offered).not.toContain('steps.trigger.topic');
    expect(offered.filter((p) => p.endsWith('.topic'))).toEqual(['input.topic']);
  });
});

describe('openVariableAt / applySuggestion', () => {
  it('finds the open braces at the caret and completes them', () => {
    const text = 'Write about {{ inp';
    const open = openVariableAt(text, text.length)!;
    expect(open.query).toBe('inp');
    expect(applySuggestion(text, text.length, open, 'input.topic')).toEqual({
      text: 'Write about {{ input.topic }}',
      caret: 'Write about {{ input.topic }}'.length,
    });
  });
  it('replaces an existing closing pair rather than doubling it', () => {
    const text = 'A {{ st }} B';
    const open = openVariableAt(text, 7)!;
    expect(applySuggestion(text, 7, open, 'steps.draft.text').text).toBe(
      'A {{ steps.draft.text }} B',
    );
  });
  it('is closed outside braces', () => {
    expect(openVariableAt('Hello {{ x }} there', 18)).toBeNull();
    expect(openVariableAt('plain text', 5)).toBeNull();
  });
  it('ranks prefix matches first', () => {
    const all = variableSuggestions(graph, 'review');
    expect(filterSuggestions(all, 'steps.d')[0]?.path).toBe('steps.draft.text');
    expect(filterSuggestions(all, 'voice').map((s) => s.path)).toEqual(['brand.voice']);
  });
});

describe('variableSuggestions in a publish step', () => {
  const types = indexNodeTypes(describeNodeTypes() as NodeTypeInfo[]);
  const publishing = {
    nodes: [...graph.nodes, n('send', 'publish.email')],
    edges: [...graph.edges, { source: 'review', target: 'send' }],
  };

  it('offers the approved content and the run, not earlier steps, which render empty there', () => {
    const paths = variableSuggestions(publishing, 'send', types).map((s) => s.path);
    expect(paths.slice(0, 3)).toEqual(['content.text', 'content.data', 'run.id']);
    expect(paths).toContain('input.topic');
    expect(paths).toContain('brand.voice');
    expect(paths.some((p) => p.startsWith('steps.'))).toBe(false);
    // Other steps still see the earlier steps' outputs.
    expect(variableSuggestions(publishing, 'review', types).map((s) => s.path)).toContain(
      'steps.draft.text',
    );
  });
});

describe('shortValuesFirst', () => {
  const types = indexNodeTypes(describeNodeTypes() as NodeTypeInfo[]);
  const publishing = {
    nodes: [...graph.nodes, n('send', 'publish.email')],
    edges: [...graph.edges, { source: 'review', target: 'send' }],
  };

  it('puts the input’s fields first and the approved text last in an email subject’s list', () => {
    const paths = shortValuesFirst(variableSuggestions(publishing, 'send', types)).map(
      (s) => s.path,
    );
    expect(paths).toEqual([
      'input.topic',
      'input.audience',
      'brand.name',
      'run.id',
      'content.text',
      'content.data',
      'brand.voice',
      'brand.audience',
    ]);
  });

  it('puts a step’s structured fields before its whole text', () => {
    const paths = shortValuesFirst(
      offeredSuggestions(variableSuggestions(graph, 'review', types)),
    ).map((s) => s.path);
    expect(paths.slice(0, 2)).toEqual(['input.topic', 'input.audience']);
    expect(paths.indexOf('steps.plan.data.items')).toBeLessThan(paths.indexOf('steps.draft.text'));
    expect(paths.indexOf('steps.plan.data.items')).toBeLessThan(paths.indexOf('steps.plan.data'));
  });
});

describe('unknownVariables', () => {
  it('names variables nothing upstream provides', () => {
    const all = variableSuggestions(graph, 'draft');
    expect(
      unknownVariables(
        '{{ input.topic }} {{ steps.check.passed }} {{ input.nope }} {{ brand.voice }}',
        all,
      ),
    ).toEqual(['steps.check.passed', 'input.nope']);
  });
});

describe('input references by start step', () => {
  const withStart = (nodeType: string, config: Record<string, unknown>) => ({
    nodes: [n('start', nodeType, config), n('draft', 'ai.generate')],
    edges: [{ source: 'start', target: 'draft' }],
  });
  const unknown = (flow: ReturnType<typeof withStart>) =>
    unknownVariables('{{ input.topic }} {{ input.theme }}', variableSuggestions(flow, 'draft'));

  it('judges inputs against a schedule’s values, even when it has none', () => {
    expect(unknown(withStart('trigger.schedule', { fields: [] }))).toEqual([
      'input.topic',
      'input.theme',
    ]);
    const theme = { label: 'Theme', name: 'theme', value: 'Spring' };
    const flow = withStart('trigger.schedule', { fields: [theme] });
    expect(unknown(flow)).toEqual(['input.topic']);
    expect(offeredSuggestions(variableSuggestions(flow, 'draft')).map((s) => s.path)).toContain(
      'input.theme',
    );
  });

  it('offers a webhook’s expected fields, and takes any input when it declares none', () => {
    const open = withStart('trigger.webhook', { fields: [] });
    expect(unknown(open)).toEqual([]);
    // What stands for "anything posted" is no value to pick.
    expect(
      offeredSuggestions(variableSuggestions(open, 'draft')).some((s) => s.group === 'Input'),
    ).toBe(false);
    const declared = withStart('trigger.webhook', { fields: [{ label: 'Theme', name: 'theme' }] });
    expect(unknown(declared)).toEqual(['input.topic']);
    expect(offeredSuggestions(variableSuggestions(declared, 'draft')).map((s) => s.path)).toContain(
      'input.theme',
    );
  });
});
