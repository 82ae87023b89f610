import { describe, expect, it } from 'vitest';
import { describeNodeTypes, flowTemplates } from '@tandem/nodes';
import { validateGraphLocally } from './local-validation.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const node = (id: string, nodeType: string, config: Record<string, unknown> = {}) => ({
  id,
  position: { x: 0, y: 0 },
  data: { nodeType, config },
});
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

describe('validateGraphLocally: references to earlier values', () => {
  const catalog = indexNodeTypes(describeNodeTypes() as NodeTypeInfo[]);
  const chain = (...nodes: ReturnType<typeof node>[]) => ({
    nodes,
    edges: nodes.slice(1).map((n, i) => edge(nodes[i]!.id, n.id)),
  });
  const warnings = (graph: Parameters<typeof validateGraphLocally>[0]) =>
    validateGraphLocally(graph, catalog)
      .filter((p) => p.severity === 'warning')
      .map((p) => [p.nodeId, p.path, p.message]);
  // Publish refuses a step reference that names nothing, so the editor shows it as an error.
  const errors = (graph: Parameters<typeof validateGraphLocally>[0]) =>
    validateGraphLocally(graph, catalog)
      .filter((p) => p.severity === 'error')
      .map((p) => [p.nodeId, p.path, p.message]);

  it('says how to fix a reference to a form field or a step that is not there', () => {
    const graph = chain(
      node('trigger', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] }),
      node('draft', 'ai.generate', { prompt: 'About {{ input.topic }}' }),
      node('second', 'ai.generate', {
        prompt: 'Launch {{ input.product }} using {{ steps.research.text }}',
      }),
    );
    expect(warnings(graph)).toEqual([]);
    expect(errors(graph)).toEqual([
      [
        'second',
        ['prompt'],
        '{{ input.product }} is not in the start form: add a field named “product” to “Manual start” (it has topic), or insert one from the list',
      ],
      [
        'second',
        ['prompt'],
        '{{ steps.research.text }} names no step that runs before this one; the steps before it are draft (AI write), trigger (Manual start)',
      ],
    ]);
  });

  it('flags a reference left open, as publishing would, where it is typed', () => {
    const graph = chain(
      node('trigger', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] }),
      node('draft', 'ai.generate', { prompt: 'Write about {{ input.topic' }),
    );
    expect(errors(graph)).toEqual([
      ['draft', ['prompt'], '“{{ input.topic” is not closed: end it with }}'],
    ]);
  });

  it('flags a branch rule that looks at a step not before it, at the rule’s value', () => {
    const graph = chain(
      node('trigger', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] }),
      node('draft', 'ai.generate', {
        output: 'json',
        fields: [{ name: 'score', kind: 'table', columns: [{ name: 'value', kind: 'number' }] }],
      }),
      node('brand', 'check.brand'),
      node('branch', 'logic.branch', {
        rules: [
          { path: 'steps.check.passed', operator: 'is_true' },
          { path: 'steps.brand.passed', operator: 'is_true' },
          { path: 'steps.draft.data.score.0.value', operator: 'greater_than', value: '3' },
          { path: 'input.topic', operator: 'is_not_empty' },
          { path: 'input.channel', operator: 'is_not_empty' },
          { path: 'steps.brand.passe', operator: 'is_true' },
          { path: 'steps.brand.checkedNodeId', operator: 'is_not_empty' },
          { path: 'steps.brand.flags.0.rule', operator: 'is_not_empty' },
          { path: 'steps.draft.data.scor', operator: 'is_not_empty' },
        ],
      }),
    );
    expect(warnings(graph)).toEqual([]);
    expect(errors(graph)).toEqual([
      [
        'branch',
        ['rules', 0, 'path'],
        expect.stringMatching(
          /^steps\.check\.passed names no step that runs before this one; the steps before it are brand/,
        ),
      ],
      [
        'branch',
        ['rules', 4, 'path'],
        expect.stringMatching(
          /^input\.channel is not in the start form: add a field named “channel”/,
        ),
      ],
      [
        'branch',
        ['rules', 5, 'path'],
        'steps.brand.passe is not an output of that step: it gives passed, score, flags, checkedNodeId',
      ],
      [
        'branch',
        ['rules', 8, 'path'],
        expect.stringMatching(/^steps\.draft\.data\.scor is not an output/),
      ],
    ]);
  });

  it('flags an output field a step does not return in a template, and only where outputs are known', () => {
    const graph = chain(
      node('trigger', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] }),
      node('draft', 'ai.generate', { prompt: 'x' }),
      node('brand_check', 'check.brand'),
      node('review', 'human.review'),
      node('sum', 'ai.generate', {
        prompt: [
          '{{ steps.brand_check.passe }} {{ steps.brand_check.score }}',
          '{{ steps.brand_check.flags.0.message }} {{ steps.review.edited }}',
          '{{ steps.draft.text }} {{ steps.draft.promptVersion }} {{ steps.draft.data.x }}',
        ].join('\n'),
      }),
    );
    expect(warnings(graph)).toEqual([]);
    expect(errors(graph)).toEqual([
      [
        'sum',
        ['prompt'],
        '{{ steps.brand_check.passe }} is not an output of that step: it gives passed, score, flags, checkedNodeId',
      ],
      [
        'sum',
        ['prompt'],
        expect.stringMatching(/^\{\{ steps\.draft\.data\.x \}\} is not an output/),
      ],
    ]);
  });

  it('takes a start step’s and a wait’s outputs as they are: the form’s fields, anything posted, the wait’s end', () => {
    const reading = (start: ReturnType<typeof node>, prompt: string) =>
      errors(
        chain(
          start,
          node('wait', 'util.delay'),
          node('draft', 'ai.generate', { prompt: `${prompt} {{ steps.wait.waitedUntil }}` }),
        ),
      );
    const form = node('start', 'trigger.manual', { fields: [{ name: 'topic', label: 'Topic' }] });
    expect(reading(form, '{{ steps.start.topic }}')).toEqual([]);
    expect(reading(form, '{{ steps.start.topics }}')).toEqual([
      [
        'draft',
        ['prompt'],
        '{{ steps.start.topics }} is not an output of that step: it gives topic',
      ],
    ]);
    const hook = node('start', 'trigger.webhook', { connectionId: 'con_hook' });
    expect(reading(hook, '{{ steps.start.any.thing }}')).toEqual([]);
  });

  it('finds nothing to warn about in any shipped template', () => {
    for (const template of flowTemplates) {
      const graph = {
        nodes: template.graph.nodes.map((n) => node(n.id, n.type, n.config)),
        edges: template.graph.edges,
      };
      const found = validateGraphLocally(graph, catalog).filter((p) => p.severity === 'warning');
      expect([template.id, found]).toEqual([template.id, []]);
    }
  });

  it('warns about a budget guard’s list or column the AI step before it does not declare', () => {
    const recommend = {
      output: 'json',
      fields: [
        {
          name: 'changes',
          kind: 'table',
          columns: [
            { name: 'channel', kind: 'text' },
            { name: 'current', kind: 'number' },
            { name: 'proposed', kind: 'number' },
          ],
        },
      ],
    };
    const guarded = (config: Record<string, unknown>, ai: Record<string, unknown> = recommend) =>
      warnings(
        chain(
          node('trigger', 'trigger.manual'),
          node('recommend', 'ai.generate', ai),
          node('guard', 'check.budget', config),
        ),
      );
    expect(guarded({})).toEqual([]);
    expect(guarded({ itemsField: 'changes', proposedField: 'next' })).toEqual([
      ['guard', ['proposedField'], expect.stringContaining('has no column “next”')],
    ]);
    expect(guarded({}, { output: 'text' })).toEqual([
      ['guard', ['itemsField'], expect.stringContaining('writes free text')],
    ]);
  });

  it('finds nothing to warn about in the budget template', () => {
    const budget = flowTemplates.find((t) => t.graph.nodes.some((n) => n.type === 'check.budget'))!;
    const graph = {
      nodes: budget.graph.nodes.map((n) => node(n.id, n.type, n.config)),
      edges: budget.graph.edges,
    };
    expect(validateGraphLocally(graph, catalog)).toEqual([]);
  });

  it('flags a webhook step with neither a URL nor a connection while editing', () => {
    const sending = (config: Record<string, unknown>) =>
      validateGraphLocally(
        chain(node('trigger', 'trigger.manual'), node('send', 'publish.webhook', config)),
        catalog,
      ).map((p) => [p.nodeId, p.path, p.message, p.severity]);
    expect(sending({})).toEqual([
      ['send', ['url'], 'Enter a URL or choose a webhook connection', 'error'],
    ]);
    expect(sending({ connectionId: '' })).toHaveLength(1);
    expect(sending({ url: 'https://example.com/hook' })).toEqual([]);
    expect(sending({ connectionId: 'con_1' })).toEqual([]);
  });

  it('warns, without blocking, about a webhook body that cannot render valid JSON', () => {
    const body = (bodyTemplate: string) =>
      validateGraphLocally(
        chain(
          node('trigger', 'trigger.manual', {
            fields: [{ name: 'budget', label: 'Budget', kind: 'number' }],
          }),
          node('send', 'publish.webhook', { url: 'https://example.com/hook', bodyTemplate }),
        ),
        catalog,
      ).map((p) => [p.path, p.severity]);
    expect(body('{ "text": {{ content.text }} }')).toEqual([[['bodyTemplate'], 'warning']]);
    expect(body('{ "text": {{ content.text | json }}, "budget": {{ input.budget }} }')).toEqual([]);
  });

  it('refuses earlier steps in a publish step’s templates: they render empty there', () => {
    const graph = chain(
      node('trigger', 'trigger.manual'),
      node('draft', 'ai.generate'),
      node('review', 'human.review'),
      node('send', 'publish.email', {
        connectionId: 'con_mail',
        to: ['team@example.com'],
        subject: 'New: {{ input.topic }} {{ content.text }}',
        bodyTemplate: '{{ steps.review.text }}',
      }),
    );
    expect(errors(graph)).toEqual([
      [
        'send',
        ['bodyTemplate'],
        '{{ steps.review.text }} stays empty here: a publish step sees only the approved content, {{ content.text }}',
      ],
    ]);
  });
  describe('{{ input.<name> }} after each kind of start step, as publish judges it', () => {
    const drafted = (start: ReturnType<typeof node>) =>
      errors(chain(start, node('draft', 'ai.generate', { prompt: 'About {{ input.topic }}' })));

    it('flags an input a schedule does not give (a Manual start swapped for a Schedule)', () => {
      expect(drafted(node('start', 'trigger.schedule', { fields: [] }))).toEqual([
        [
          'draft',
          ['prompt'],
          '{{ input.topic }} is not one of the schedule’s input values: add a value named “topic” to “Schedule”, or insert one from the list',
        ],
      ]);
      const theme = { label: 'Theme', name: 'theme', value: 'Spring' };
      expect(drafted(node('start', 'trigger.schedule', { fields: [theme] }))[0]?.[2]).toMatch(
        /add a value named “topic” to “Schedule” \(it has theme\)/,
      );
      const topic = { label: 'Topic', name: 'topic', value: 'Spring launch' };
      expect(drafted(node('start', 'trigger.schedule', { fields: [topic] }))).toEqual([]);
    });

    it('judges a setting left at its default, as publish runs it', () => {
      const graph = chain(
        node('start', 'trigger.schedule', { fields: [] }),
        node('draft', 'ai.generate', {}),
      );
      expect(errors(graph).map(([, path, message]) => [path, message])).toEqual([
        [['prompt'], expect.stringMatching(/^\{\{ input\.topic \}\} is not one of the schedule’s/)],
      ]);
    });

    it('flags an input a manual start’s form does not have, even an empty form', () => {
      expect(drafted(node('start', 'trigger.manual', { fields: [] }))).toEqual([
        [
          'draft',
          ['prompt'],
          '{{ input.topic }} is not in the start form: add a field named “topic” to “Manual start”, or insert one from the list',
        ],
      ]);
      expect(drafted(node('start', 'trigger.manual'))).toEqual([]);
    });

    it('takes any input under a webhook start that declares no fields, only its fields otherwise', () => {
      // Signed, as publish requires: only the references are judged here.
      const signed = { connectionId: 'con_signing' };
      expect(drafted(node('start', 'trigger.webhook', { ...signed, fields: [] }))).toEqual([]);
      const product = { label: 'Product', name: 'product' };
      expect(drafted(node('start', 'trigger.webhook', { ...signed, fields: [product] }))).toEqual([
        [
          'draft',
          ['prompt'],
          '{{ input.topic }} is not one of the fields “Webhook start” expects: add a field named “topic” to it (it has product), or insert one from the list',
        ],
      ]);
    });
  });

  it('names a structured output without a field, as publish does, before publishing', () => {
    const graph = chain(
      node('trigger', 'trigger.manual'),
      node('draft', 'ai.generate', { output: 'json', fields: [] }),
    );
    expect(errors(graph)).toEqual([
      ['draft', ['fields'], 'Declare at least one field for structured output'],
    ]);
    const table = chain(
      node('trigger', 'trigger.manual'),
      node('draft', 'ai.generate', {
        output: 'json',
        fields: [{ name: 'rows', kind: 'table', columns: [] }],
      }),
    );
    expect(errors(table)).toEqual([
      ['draft', ['fields', 0, 'columns'], 'A table needs at least one column'],
    ]);
  });
});
