import { describe, expect, it } from 'vitest';
import type { Graph, NodeInstance } from '@tandem/schema';
import { canConnect, validateGraph } from './validate-graph.js';

const node = (
  id: string,
  type: string,
  config: Record<string, unknown> = {},
  x = 0,
): NodeInstance => ({
  id,
  type,
  position: { x, y: 0 },
  config: config as NodeInstance['config'],
});

const good: Graph = {
  nodes: [
    node('start', 'trigger.manual'),
    node('draft', 'ai.generate', {}, 1),
    node('review', 'human.review', {}, 2),
    node('out', 'publish.webhook', { url: 'https://example.com/x' }, 3),
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'review' },
    { id: 'e3', source: 'review', sourceHandle: 'approved', target: 'out' },
  ],
};

describe('validateGraph', () => {
  it('accepts a well-formed flow', () => {
    expect(validateGraph(good)).toEqual({ ok: true, problems: [] });
  });

  it('reports each problem at its node and field, in plain words', () => {
    const bad: Graph = {
      nodes: [
        node('start', 'trigger.manual'),
        node('start2', 'trigger.webhook'),
        node('draft', 'ai.generate', { temperature: 7 }),
        node('draft2', 'ai.generate', { output: 'json', prompt: '{{ oops' }),
        node('review', 'human.review', { assigneeRoles: [] }),
        node('out', 'publish.webhook', {}),
        node('lonely', 'util.delay'),
        node('mystery', 'magic.wand'),
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'review' },
        { id: 'e3', source: 'review', target: 'out' },
        { id: 'e4', source: 'out', target: 'ghost' },
        { id: 'e5', source: 'draft', sourceHandle: 'nope', target: 'out' },
        { id: 'e6', source: 'out', target: 'start' },
      ],
    };
    const result = validateGraph(bad);
    expect(result.ok).toBe(false);
    const find = (pred: (p: (typeof result.problems)[number]) => boolean) =>
      result.problems.find(pred);
    expect(find((p) => p.nodeId === 'start2' && p.path.length === 2)?.message).toBe(
      'A flow has exactly one start step',
    );
    expect(
      find((p) => p.nodeId === 'draft' && p.path.join('.') === 'nodes.2.config.temperature')
        ?.message,
    ).toBe('At most 2');
    expect(find((p) => p.nodeId === 'draft2' && p.path.at(-1) === 'prompt')?.message).toMatch(
      /Template error/,
    );
    expect(find((p) => p.nodeId === 'draft2' && p.path.at(-1) === 'fields')?.message).toMatch(
      /at least one field/,
    );
    expect(find((p) => p.nodeId === 'review' && p.path.at(-1) === 'assigneeRoles')).toBeTruthy();
    expect(find((p) => p.nodeId === 'out' && p.path.at(-1) === 'url')?.message).toMatch(
      /URL or choose/,
    );
    expect(find((p) => p.edgeId === 'e3')?.message).toMatch(/Choose which output/);
    expect(find((p) => p.edgeId === 'e4')?.message).toMatch(/missing step "ghost"/);
    expect(find((p) => p.edgeId === 'e5')?.message).toMatch(/no output "nope"/);
    expect(find((p) => p.edgeId === 'e6')?.message).toMatch(/start step/);
    expect(find((p) => p.nodeId === 'lonely')?.message).toMatch(/not connected/);
    expect(find((p) => p.nodeId === 'mystery')?.message).toBe('Unknown step type "magic.wand"');
  });

  it("keeps credentials out of a webhook step's plain headers: they belong in a connection", () => {
    const withHeaders = (headers: { name: string; value: string }[]): Graph => ({
      ...good,
      nodes: good.nodes.map((n) =>
        n.id === 'out' ? { ...n, config: { ...n.config, headers } } : n,
      ),
    });
    expect(
      validateGraph(
        withHeaders([
          { name: 'X-Source', value: 'tandem' },
          { name: 'X-Author-Name', value: 'Ada' },
        ]),
      ).ok,
    ).toBe(true);
    for (const name of [
      'Authorization',
      'X-API-Key',
      'Api-Key',
      'X-Auth',
      'X-Auth-Token',
      'Cookie',
    ]) {
      const result = validateGraph(
        withHeaders([
          { name: 'X-Source', value: 'tandem' },
          { name, value: 'sk-1' },
        ]),
      );
      expect(result.problems, name).toEqual([
        expect.objectContaining({
          nodeId: 'out',
          path: ['nodes', 3, 'config', 'headers', 1, 'name'],
          message: expect.stringContaining('webhook connection'),
        }),
      ]);
    }
  });

  it('finds loops and graphs with no trigger', () => {
    const loop: Graph = {
      nodes: [node('start', 'trigger.manual'), node('a', 'util.delay'), node('b', 'util.delay')],
      edges: [
        { id: 'e1', source: 'start', target: 'a' },
        { id: 'e2', source: 'a', target: 'b' },
        { id: 'e3', source: 'b', target: 'a' },
      ],
    };
    expect(validateGraph(loop).problems.map((p) => p.message)).toContain(
      'The connections form a loop; a flow must run forward',
    );
    expect(
      validateGraph({ nodes: [node('a', 'util.delay')], edges: [] }).problems[0]!.message,
    ).toMatch(/start step/);
    expect(validateGraph({ nodes: 'x' }).ok).toBe(false);
  });

  it('checks that a referenced source step comes before the node', () => {
    const graph: Graph = {
      ...good,
      nodes: good.nodes.map((n) =>
        n.id === 'review' ? { ...n, config: { sourceNodeId: 'out' } } : n,
      ),
    };
    expect(validateGraph(graph).problems).toEqual([
      {
        nodeId: 'review',
        path: ['nodes', 2, 'config', 'sourceNodeId'],
        message: '"out" is not a step before this one',
      },
    ]);
  });
});

describe('canConnect', () => {
  it('refuses a step reference that names no output of a step before it, at its setting', () => {
    const flow = (draftConfig: Record<string, unknown>, outConfig: Record<string, unknown> = {}) =>
      validateGraph({
        nodes: [
          node('start', 'trigger.manual'),
          node('brand', 'check.brand', {}, 1),
          node('draft', 'ai.generate', draftConfig, 2),
          node('branch', 'logic.branch', {
            rules: [{ path: 'steps.brand.passe', operator: 'is_true' }],
          }),
          node('out', 'publish.webhook', { url: 'https://example.com/x', ...outConfig }, 3),
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'brand' },
          { id: 'e2', source: 'brand', target: 'draft' },
          { id: 'e3', source: 'draft', target: 'branch' },
          { id: 'e4', source: 'branch', sourceHandle: 'true', target: 'out' },
        ],
      }).problems;

    expect(
      flow(
        { prompt: '{{ steps.brand.score }} {{ steps.brand.scor }} {{ steps.later.text }}' },
        { bodyTemplate: '{"t": {{ steps.draft.text | json }}}' },
      ),
    ).toEqual([
      {
        nodeId: 'draft',
        path: ['nodes', 2, 'config', 'prompt'],
        message:
          '{{ steps.brand.scor }} is not an output of that step: it gives passed, score, flags, checkedNodeId',
      },
      {
        nodeId: 'draft',
        path: ['nodes', 2, 'config', 'prompt'],
        message:
          '{{ steps.later.text }} is not available here: no earlier step or input field provides it',
      },
      {
        nodeId: 'branch',
        path: ['nodes', 3, 'config', 'rules', 0, 'path'],
        message:
          'steps.brand.passe is not an output of that step: it gives passed, score, flags, checkedNodeId',
      },
      {
        nodeId: 'out',
        path: ['nodes', 4, 'config', 'bodyTemplate'],
        message:
          '{{ steps.draft.text }} stays empty here: a publish step sees only the approved content, {{ content.text }}',
      },
    ]);
  });

  it("reads start steps' and waits' outputs as they are: form fields, anything posted, the wait's end", () => {
    const flow = (start: NodeInstance, prompt: string) =>
      validateGraph({
        nodes: [start, node('wait', 'util.delay'), node('draft', 'ai.generate', { prompt })],
        edges: [
          { id: 'e1', source: 'start', target: 'wait' },
          { id: 'e2', source: 'wait', target: 'draft' },
        ],
      }).problems.map((p) => p.message);
    const form = node('start', 'trigger.manual');

    expect(flow(form, '{{ steps.start.topic }} {{ steps.wait.waitedUntil }}')).toEqual([]);
    expect(flow(form, '{{ steps.start.title }}')).toEqual([
      '{{ steps.start.title }} is not an output of that step: it gives topic',
    ]);
    const hook = node('start', 'trigger.webhook', { connectionId: 'con_hook' });
    expect(flow(hook, '{{ steps.start.any.thing }}')).toEqual([]);
  });

  it('refuses a webhook start without a signing connection: every call to it would be refused', () => {
    const hookFlow = (config: Record<string, unknown>) =>
      validateGraph({
        nodes: [node('start', 'trigger.webhook', config), node('wait', 'util.delay')],
        edges: [{ id: 'e1', source: 'start', target: 'wait' }],
      });
    const missing = {
      nodeId: 'start',
      path: ['nodes', 0, 'config', 'connectionId'],
      message: 'Choose a signing connection: without one every call to this webhook is refused',
    };
    expect(hookFlow({}).problems).toEqual([missing]);
    expect(hookFlow({ connectionId: '  ' }).problems).toEqual([missing]);
    expect(hookFlow({ connectionId: 'con_hook' })).toEqual({ ok: true, problems: [] });
  });

  it('judges {{ input.<name> }} by what the start step gives: form fields, schedule values, webhook fields', () => {
    const flow = (start: NodeInstance, prompt: string) =>
      validateGraph({
        nodes: [start, node('draft', 'ai.generate', { prompt })],
        edges: [{ id: 'e1', source: 'start', target: 'draft' }],
      }).problems.map((p) => [p.path.join('.'), p.message]);
    const schedule = (fields: unknown[]) => node('start', 'trigger.schedule', { fields });
    const theme = { label: 'Theme', name: 'theme', value: 'Spring' };

    // A schedule with no values renders {{ input.topic }} empty: publish refuses it.
    expect(flow(schedule([]), 'Post about {{ input.topic }}')).toEqual([
      [
        'nodes.1.config.prompt',
        '{{ input.topic }} is not an input of this flow: its start step gives none',
      ],
    ]);
    expect(flow(schedule([theme]), '{{ input.topic }}')).toEqual([
      [
        'nodes.1.config.prompt',
        '{{ input.topic }} is not an input of this flow: its start step gives theme',
      ],
    ]);
    expect(flow(schedule([theme]), '{{ input.theme }}')).toEqual([]);
    // A saved AI step's default prompt reads input.topic too: defaults run.
    expect(
      validateGraph({
        nodes: [schedule([]), node('draft', 'ai.generate')],
        edges: [{ id: 'e1', source: 'start', target: 'draft' }],
      }).problems.map((p) => p.path.join('.')),
    ).toEqual(['nodes.1.config.prompt']);

    const form = (fields?: unknown[]) => node('start', 'trigger.manual', fields ? { fields } : {});
    expect(flow(form(), '{{ input.topic }}')).toEqual([]);
    expect(flow(form([]), '{{ input.topic }}')).toHaveLength(1);

    // A webhook start takes exactly its declared fields, or any body when it declares none.
    const hook = (fields: unknown[]) =>
      node('start', 'trigger.webhook', { fields, connectionId: 'con_signing' });
    expect(flow(hook([]), '{{ input.anything.at.all }}')).toEqual([]);
    expect(flow(hook([{ label: 'Product', name: 'product' }]), '{{ input.topic }}')).toEqual([
      [
        'nodes.1.config.prompt',
        '{{ input.topic }} is not an input of this flow: its start step gives product',
      ],
    ]);
  });

  it('judges a branch rule that names an input, as a whole value', () => {
    const problems = validateGraph({
      nodes: [
        node('start', 'trigger.schedule'),
        node('branch', 'logic.branch', {
          rules: [{ path: 'input.channel', operator: 'is_not_empty' }],
        }),
      ],
      edges: [{ id: 'e1', source: 'start', target: 'branch' }],
    }).problems;
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      [
        'nodes.1.config.rules.0.path',
        'input.channel is not an input of this flow: its start step gives none',
      ],
    ]);
  });

  it('checks the rule a branch saved untouched runs: its default, steps.check.passed', () => {
    const flow = (checkId: string) =>
      validateGraph({
        nodes: [
          node('start', 'trigger.manual'),
          node(checkId, 'check.brand', {}, 1),
          node('branch', 'logic.branch', {}, 2),
        ],
        edges: [
          { id: 'e1', source: 'start', target: checkId },
          { id: 'e2', source: checkId, target: 'branch' },
        ],
      }).problems;

    expect(flow('check')).toEqual([]);
    expect(flow('brand')).toEqual([
      {
        nodeId: 'branch',
        path: ['nodes', 2, 'config', 'rules', 0, 'path'],
        message:
          'steps.check.passed is not available here: no earlier step or input field provides it',
      },
    ]);
  });

  it('allows forward connections and explains refusals', () => {
    const g: Graph = { ...good, edges: good.edges.slice(0, 2) };
    expect(canConnect(g, { source: 'review', sourceHandle: 'approved', target: 'out' })).toEqual({
      ok: true,
    });
    expect(canConnect(g, { source: 'review', target: 'out' })).toEqual({
      ok: false,
      reason: 'Choose one of the step’s outputs',
    });
    expect(canConnect(g, { source: 'draft', target: 'start' }).ok).toBe(false);
    expect(canConnect(g, { source: 'review', sourceHandle: 'approved', target: 'draft' })).toEqual({
      ok: false,
      reason: 'That would make a loop; a flow must run forward',
    });
    expect(canConnect(g, { source: 'start', target: 'draft' })).toEqual({
      ok: false,
      reason: 'These steps are already connected',
    });
    expect(canConnect(g, { source: 'draft', target: 'draft' }).ok).toBe(false);
  });
});
