import { describe, expect, it } from 'vitest';
import { describeNodeTypes } from '@tandem/nodes';
import { groupFields, hasProblemAt, isFieldShown, itemTitle } from './form-layout.js';
import type { JsonSchema } from './node-catalog.js';
import { buildFormFields } from './schema-form.js';

describe('isFieldShown', () => {
  const fields = buildFormFields({
    type: 'object',
    properties: {
      kind: { type: 'string', enum: ['text', 'select'], default: 'text' },
      options: { type: 'array', items: { type: 'string' }, showWhen: { kind: ['select'] } },
      help: { type: 'string' },
    },
  });
  const shown = (values: Record<string, unknown>) =>
    fields.filter((f) => isFieldShown(f, fields, values)).map((f) => f.key);

  it('hides a field until its sibling holds one of the values it names, the default included', () => {
    expect(shown({})).toEqual(['kind', 'help']);
    expect(shown({ kind: 'text', options: ['kept'] })).toEqual(['kind', 'help']);
    expect(shown({ kind: 'select' })).toEqual(['kind', 'options', 'help']);
  });
});

describe('isFieldShown: showWhenFilled', () => {
  const review = describeNodeTypes().find((d) => d.type === 'human.review')!;
  const fields = buildFormFields(review.configSchema as JsonSchema);
  const shown = (values: Record<string, unknown>) =>
    fields.filter((f) => isFieldShown(f, fields, values)).map((f) => f.key);

  it('asks what happens at the due time, and to whom it escalates, only once there is one', () => {
    expect(shown({})).not.toContain('onDue');
    expect(shown({})).not.toContain('escalateTo');
    expect(shown({ dueInMinutes: 120 })).toEqual(expect.arrayContaining(['onDue', 'escalateTo']));
    expect(shown({ dueInMinutes: 120, onDue: 'reject' })).not.toContain('escalateTo');
    expect(shown({ dueInMinutes: null })).not.toContain('onDue');
  });
});

describe('itemTitle', () => {
  it('titles an item by its label, else its name, else what it is and its place', () => {
    expect(itemTitle({ name: 'topic', label: 'Topic' }, 'Field', 0)).toBe('Topic');
    expect(itemTitle({ name: 'topic', label: '  ' }, 'Field', 0)).toBe('topic');
    expect(itemTitle({ name: ' X-Source ' }, 'Header', 2)).toBe('X-Source');
    expect(itemTitle({ name: '', label: '' }, 'Field', 1)).toBe('Field 2');
    expect(itemTitle({ path: 'steps.check.passed' }, 'Rule', 0)).toBe('Rule 1');
    expect(itemTitle({ label: 42 }, 'Field', 0)).toBe('Field 1');
    expect(itemTitle(null, 'Field', 3)).toBe('Field 4');
  });
});

describe('groupFields', () => {
  const grouped = (type: string) => {
    const schema = describeNodeTypes().find((d) => d.type === type)!.configSchema as JsonSchema;
    const { common, advanced } = groupFields(buildFormFields(schema));
    return { common: common.map((f) => f.key), advanced: advanced.map((f) => f.key) };
  };

  it('puts an AI step’s model, temperature, length and timeout after the common settings', () => {
    expect(grouped('ai.generate')).toEqual({
      common: ['prompt', 'system', 'output', 'fields', 'useBrandKit', 'learnFromFeedback'],
      advanced: ['connectionId', 'model', 'temperature', 'maxTokens', 'timeoutSeconds'],
    });
  });

  it('puts a webhook’s method and extra headers there too, and nothing of the other steps', () => {
    expect(grouped('publish.webhook').advanced).toEqual(['method', 'headers']);
    for (const type of ['human.review', 'check.brand', 'check.budget', 'trigger.manual']) {
      expect(grouped(type).advanced).toEqual([]);
    }
  });

  it('finds a problem at a field or inside it', () => {
    const problems = { 'headers.0.name': 'Letters, digits and "-" only', temperature: 'At most 2' };
    expect(hasProblemAt(problems, 'headers')).toBe(true);
    expect(hasProblemAt(problems, 'temperature')).toBe(true);
    expect(hasProblemAt(problems, 'head')).toBe(false);
    expect(hasProblemAt(problems, 'model')).toBe(false);
  });
});
