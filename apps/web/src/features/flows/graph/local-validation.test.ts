import { describe, expect, it } from 'vitest';
import {
  describeProblem,
  fieldProblems,
  hasErrors,
  problemsFromServer,
  sortBySeverity,
  validateGraphLocally,
  type Problem,
} from './local-validation.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const base = { version: 1, description: '', icon: '', defaultConfig: {} };
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
    configSchema: { type: 'object', properties: {} },
  },
  {
    ...base,
    type: 'ai.generate',
    title: 'AI write',
    category: 'ai',
    inputs: IN,
    outputs: OUT,
    configSchema: {
      type: 'object',
      properties: { prompt: { title: 'Prompt', type: 'string', minLength: 1 } },
    },
  },
  {
    ...base,
    type: 'publish.webhook',
    title: 'Webhook',
    category: 'publish',
    inputs: IN,
    outputs: OUT,
    configSchema: { type: 'object', properties: {} },
  },
] satisfies NodeTypeInfo[]);

const node = (id: string, nodeType: string, config: Record<string, unknown> = {}) => ({
  id,
  position: { x: 0, y: 0 },
  data: { nodeType, config },
});
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

describe('validateGraphLocally', () => {
  it('passes a connected flow with valid configs', () => {
    const graph = {
      nodes: [
        node('trigger', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] }),
        node('draft', 'ai.generate', { prompt: 'About {{ input.topic }}' }),
        node('send', 'publish.webhook', { url: 'https://example.com/hook' }),
      ],
      edges: [edge('trigger', 'draft'), edge('draft', 'send')],
    };
    expect(validateGraphLocally(graph, types)).toEqual([]);
  });
  it('flags an empty flow, a missing trigger, bad configs and unreachable steps', () => {
    expect(validateGraphLocally({ nodes: [], edges: [] }, types)[0]?.message).toMatch(/empty/);
    const problems = validateGraphLocally(
      { nodes: [node('draft', 'ai.generate', { prompt: '' }), node('x', 'nope.type')], edges: [] },
      types,
    );
    expect(problems.map((p) => [p.nodeId, p.path, p.message])).toEqual([
      [undefined, [], expect.stringMatching(/Add a trigger/)],
      ['draft', ['prompt'], 'Required'],
      ['x', [], 'Unknown step type "nope.type"'],
    ]);
    const unreachable = validateGraphLocally(
      {
        nodes: [node('t', 'trigger.manual'), node('d', 'ai.generate', { prompt: 'x' })],
        edges: [],
      },
      types,
    );
    // The one trigger leads nowhere and nothing leads into the step: the problem says what to do.
    expect(unreachable).toEqual([
      {
        nodeId: 'd',
        path: [],
        message: 'Not connected: connect "Manual start" to "AI write"',
        severity: 'error',
      },
    ]);
  });
  it('flags a second trigger, a loop and unknown template variables', () => {
    const problems = validateGraphLocally(
      {
        nodes: [
          node('t', 'trigger.manual'),
          node('t2', 'trigger.manual'),
          node('a', 'ai.generate', { prompt: '{{ steps.b.text }}' }),
          node('b', 'ai.generate', { prompt: 'x' }),
        ],
        edges: [edge('t', 'a'), edge('t2', 'a'), edge('a', 'b'), edge('b', 'a')],
      },
      types,
    );
    expect(problems.some((p) => p.nodeId === 't2' && /exactly one trigger/.test(p.message))).toBe(
      true,
    );
    expect(problems.some((p) => /loop/.test(p.message))).toBe(true);
    expect(hasErrors(problems)).toBe(true);
  });
  it('flags a step picked as the content to work on that is gone or does not come before', () => {
    const url = 'https://example.com/hook';
    const graph = {
      nodes: [
        node('trigger', 'trigger.manual'),
        node('draft', 'ai.generate', { prompt: 'Hi' }),
        node('send', 'publish.webhook', { url, sourceNodeId: 'draft' }),
        node('late', 'publish.webhook', { url, sourceNodeId: 'send' }),
        node('lost', 'publish.webhook', { url, sourceNodeId: 'draft_deleted' }),
      ],
      edges: [
        edge('trigger', 'draft'),
        edge('draft', 'send'),
        edge('draft', 'late'),
        edge('draft', 'lost'),
      ],
    };
    expect(validateGraphLocally(graph, types)).toEqual([
      {
        nodeId: 'late',
        path: ['sourceNodeId'],
        message:
          '“Webhook” does not run before this step. Choose an earlier step, or “Nearest earlier step (automatic)”',
        severity: 'error',
      },
      {
        nodeId: 'lost',
        path: ['sourceNodeId'],
        message:
          'The step “draft_deleted” no longer exists. Choose an earlier step, or “Nearest earlier step (automatic)”',
        severity: 'error',
      },
    ]);
  });

  it('marks an input the start form does not give as an error: publish refuses it', () => {
    const problems = validateGraphLocally(
      {
        nodes: [
          node('t', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] }),
          node('a', 'ai.generate', { prompt: '{{ input.subject }}' }),
        ],
        edges: [edge('t', 'a')],
      },
      types,
    );
    expect(problems).toEqual([
      {
        nodeId: 'a',
        path: ['prompt'],
        message: expect.stringMatching(/input.subject/),
        severity: 'error',
      },
    ]);
    expect(hasErrors(problems)).toBe(true);
  });
});

describe('fieldProblems', () => {
  it('keys a step’s problems by setting, errors apart from warnings, the first of each', () => {
    const problems: Problem[] = [
      { nodeId: 'b', path: ['rules', 0, 'path'], message: 'not available', severity: 'warning' },
      { nodeId: 'b', path: ['rules', 0, 'path'], message: 'Required', severity: 'error' },
      { nodeId: 'b', path: ['rules', 0, 'path'], message: 'later error', severity: 'error' },
      { nodeId: 'b', path: [], message: 'Not connected', severity: 'error' },
    ];
    expect(fieldProblems(problems)).toEqual({
      errors: { 'rules.0.path': 'Required' },
      warnings: { 'rules.0.path': 'not available' },
    });
  });

  it('lists errors before warnings, each kind in its own order', () => {
    const p = (message: string, severity: Problem['severity']): Problem => ({
      path: [],
      message,
      severity,
    });
    expect(
      sortBySeverity([
        p('w1', 'warning'),
        p('e1', 'error'),
        p('w2', 'warning'),
        p('e2', 'error'),
      ]).map((x) => x.message),
    ).toEqual(['e1', 'e2', 'w1', 'w2']);
  });
});

describe('problemsFromServer', () => {
  it('maps graph paths to node ids and config paths', () => {
    expect(
      problemsFromServer(
        [
          { path: ['graph', 'nodes', 1, 'config', 'prompt'], message: 'Required' },
          { path: ['config', 'url'], message: 'Bad', nodeId: 'send' },
          { path: [], message: 'No trigger' },
        ],
        ['trigger', 'draft'],
      ),
    ).toEqual([
      { nodeId: 'draft', path: ['prompt'], message: 'Required', severity: 'error' },
      { nodeId: 'send', path: ['url'], message: 'Bad', severity: 'error' },
      { path: [], message: 'No trigger', severity: 'error' },
    ]);
  });
  it('describes a problem in the schema titles', () => {
    expect(
      describeProblem(
        { nodeId: 'd', path: ['prompt'], message: 'Required', severity: 'error' },
        types,
        'ai.generate',
      ),
    ).toBe('Prompt: Required');
  });
});
