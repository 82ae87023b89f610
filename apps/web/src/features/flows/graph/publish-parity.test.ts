import { describe, expect, it } from 'vitest';
import { checkNodeConfig, describeNodeTypes, nodeCatalog, validateGraph } from '@tandem/nodes';
import type { AnyNodeDefinition } from '@tandem/nodes';
import { fieldProblems, validateGraphLocally } from './local-validation.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

/*
 * The Problems list must name everything publish refuses in a step's settings, on the setting
 * it concerns. Each node type in the catalog is listed here with settings that break its own
 * rules (its `lint`, its schema's refinements; a plain schema rule for a type without either).
 * A type added to the catalog fails the first test until it is listed, and a type with a `lint`
 * until one of its cases reaches that lint.
 */
const failing: Record<string, Record<string, unknown>[]> = {
  'trigger.manual': [
    {
      fields: [
        { label: 'Topic', name: 'topic' },
        { label: 'Topic again', name: 'topic' },
      ],
    },
    { fields: [{ label: 'Channel', name: 'channel', kind: 'select', options: [] }] },
    { fields: [{ label: 'Odd', name: 'constructor' }] },
  ],
  'trigger.webhook': [
    // No signing connection: every call would be refused.
    {},
    {
      connectionId: 'con_signing',
      fields: [
        { label: 'Topic', name: 'topic' },
        { label: 'Topic', name: 'topic' },
      ],
    },
  ],
  'trigger.schedule': [
    { timeZone: 'Mars/Olympus' },
    { frequency: 'weekly', weekdays: [] },
    {
      fields: [
        { label: 'Theme', name: 'theme', value: 'a' },
        { label: 'Theme', name: 'theme', value: 'b' },
      ],
    },
  ],
  'ai.generate': [
    { prompt: 'Write', output: 'json', fields: [] },
    { prompt: 'Write', output: 'json', fields: [{ name: 'rows', kind: 'table', columns: [] }] },
    { prompt: 'Write {% if %}' },
    { prompt: 'Write', system: 'Be {% for %}' },
  ],
  'check.brand': [{ minWords: 300, maxWords: 100 }],
  'check.budget': [{ maxItemChangePercent: 5_000 }],
  'human.review': [
    { assigneeRoles: [], assigneeUserIds: [] },
    { locked: true, defaultLevel: 'auto' },
    { title: 'Review {% if %}' },
  ],
  'logic.branch': [{ rules: [{ path: 'steps.start.topic', operator: 'equals', value: '' }] }],
  'publish.webhook': [
    {},
    { url: 'https://hooks.test.com/x', headers: [{ name: 'Host', value: 'x' }] },
    { url: 'https://hooks.test.com/x', bodyTemplate: '{% if %}' },
  ],
  'publish.email': [
    { connectionId: 'smtp', to: ['a@b.co'], subject: 'Hi {% if %}' },
    { connectionId: 'smtp', to: ['a@b.co'], bodyTemplate: '{% for %}' },
  ],
  'publish.slack': [{ connectionId: 'slack', textTemplate: '{% if %}' }],
  'publish.wordpress': [
    { connectionId: 'wp', titleTemplate: 'Post {% if %}' },
    { connectionId: 'wp', excerptTemplate: '{% for %}' },
  ],
  'publish.library': [{ titleTemplate: '{% if %}' }],
  'util.delay': [{ amount: 91, unit: 'days' }],
};

const types = indexNodeTypes(describeNodeTypes() as NodeTypeInfo[]);

/** The step under test after a manual start (a start step alone when it is one). */
function flowWith(definition: AnyNodeDefinition, config: Record<string, unknown>) {
  const step = {
    id: 'step',
    position: { x: 0, y: 0 },
    data: {
      nodeType: definition.type,
      config: { ...types.get(definition.type)!.defaultConfig, ...config },
    },
  };
  if (definition.category === 'trigger') return { nodes: [step], edges: [] };
  const start = {
    id: 'start',
    position: { x: 0, y: 0 },
    data: { nodeType: 'trigger.manual', config: types.get('trigger.manual')!.defaultConfig },
  };
  return { nodes: [start, step], edges: [{ id: 'e', source: 'start', target: 'step' }] };
}

/** The server's graph for the same flow, as the editor saves it. */
const asSaved = (flow: ReturnType<typeof flowWith>) => ({
  nodes: flow.nodes.map((n) => ({
    id: n.id,
    type: n.data.nodeType,
    position: n.position,
    config: n.data.config,
  })),
  edges: flow.edges,
});

/** Whether the form shows an error on this setting or on the setting holding it. */
const shownOn = (errors: Record<string, string>, path: readonly (string | number)[]) =>
  path.some((_, i) => errors[path.slice(0, path.length - i).join('.')] !== undefined);

describe('the Problems list and publish agree on every node type’s own checks', () => {
  it('lists failing settings for every type in the catalog', () => {
    expect(Object.keys(failing).sort()).toEqual(nodeCatalog.map((d) => d.type).sort());
  });

  it.each(nodeCatalog.filter((d) => d.lint).map((d) => [d.type, d] as const))(
    'reaches the lint of %s with at least one case',
    (_, definition) => {
      const linted = failing[definition.type]!.filter((config) => {
        const parsed = definition.configSchema.safeParse(
          flowWith(definition, config).nodes.at(-1)!.data.config,
        );
        return parsed.success && (definition.lint!(parsed.data).length ?? 0) > 0;
      });
      expect(linted.length).toBeGreaterThan(0);
    },
  );

  describe.each(nodeCatalog.map((d) => [d.type, d] as const))('%s', (_, definition) => {
    it.each(failing[definition.type]!.map((config) => [JSON.stringify(config), config] as const))(
      'names publish’s problems with %s on their settings, as errors',
      (_, config) => {
        const flow = flowWith(definition, config);
        const stepConfig = flow.nodes.at(-1)!.data.config;
        const publish = checkNodeConfig(definition, stepConfig).problems;
        expect(publish.length, 'the case must break a rule of its type').toBeGreaterThan(0);
        // The whole publish check refuses it for these problems too, at the step's settings.
        const refused = validateGraph(asSaved(flow)).problems.filter((p) => p.nodeId === 'step');
        expect(refused.map((p) => p.message)).toEqual(
          expect.arrayContaining(publish.map((p) => p.message)),
        );
        const editor = validateGraphLocally(flow, types).filter((p) => p.nodeId === 'step');
        const { errors } = fieldProblems(editor);
        for (const problem of publish) {
          expect(
            shownOn(errors, problem.path),
            `${problem.path.join('.')}: ${problem.message}`,
          ).toBe(true);
        }
      },
    );
  });
});
