import { describe, expect, it } from 'vitest';
import { emptyItem } from './form-layout.js';
import { humanize } from '../../../ui/format.js';
import {
  buildFormFields,
  describeFieldPath,
  validateValue,
  type FormField,
} from './schema-form.js';
import { describeNodeTypes } from '@tandem/nodes';
import type { JsonSchema } from './node-catalog.js';

// The shape zod 4's toJSONSchema({ io: 'input' }) emits for node configs.
const reviewSchema: JsonSchema = {
  type: 'object',
  properties: {
    title: {
      default: 'Review the draft',
      title: 'Task title',
      type: 'string',
      minLength: 1,
      maxLength: 200,
    },
    instructions: { title: 'Instructions for the reviewer', type: 'string', maxLength: 2000 },
    sourceNodeId: { title: 'Content to review', type: 'string', maxLength: 64 },
    editable: { default: true, title: 'Reviewers may edit', type: 'boolean' },
    assigneeRoles: {
      default: ['reviewer'],
      title: 'Who may decide (roles)',
      type: 'array',
      items: { type: 'string', enum: ['admin', 'designer', 'reviewer', 'manager'] },
    },
    escalateTo: {
      default: 'manager',
      type: 'string',
      enum: ['admin', 'designer', 'reviewer', 'manager'],
    },
    requiredApprovals: {
      default: 1,
      title: 'Approvals needed',
      type: 'integer',
      minimum: 1,
      maximum: 10,
    },
    sampleRate: { default: 0.1, type: 'number', minimum: 0, maximum: 1 },
    defaultLevel: { type: 'string', enum: ['review_all', 'review_flagged', 'spot_check', 'auto'] },
    dueInMinutes: {
      anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }],
      title: 'Due after (minutes)',
    },
  },
};

const aiSchema: JsonSchema = {
  type: 'object',
  properties: {
    prompt: {
      title: 'Prompt',
      description: 'Use {{ input.<field> }}',
      type: 'string',
      minLength: 1,
      maxLength: 20000,
    },
    bodyTemplate: { type: 'string', maxLength: 50000 },
    claims: { type: 'array', items: { type: 'string', minLength: 1 } },
    rules: {
      title: 'Rules',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            pattern: '^(input|steps|brand)(\\.[A-Za-z0-9_-]+)+$',
            title: 'Value',
          },
          operator: {
            default: 'equals',
            title: 'Test',
            type: 'string',
            enum: ['equals', 'is_true'],
          },
        },
        required: ['path'],
      },
    },
    url: { type: 'string', format: 'uri' },
  },
};

describe('buildFormFields', () => {
  const byKey = (schema: JsonSchema) => new Map(buildFormFields(schema).map((f) => [f.key, f]));

  it('picks a widget per field and labels it from the schema title', () => {
    const f = byKey(reviewSchema);
    expect(f.get('title')).toMatchObject({ kind: 'text', label: 'Task title' });
    expect(f.get('instructions')?.kind).toBe('textarea');
    expect(f.get('sourceNodeId')?.kind).toBe('node-ref');
    expect(f.get('editable')?.kind).toBe('boolean');
    expect(f.get('assigneeRoles')?.kind).toBe('roles');
    expect(f.get('escalateTo')).toMatchObject({ kind: 'select', label: 'Escalate to' });
    expect(f.get('requiredApprovals')).toMatchObject({
      kind: 'number',
      integer: true,
      min: 1,
      max: 10,
      step: 1,
    });
    expect(f.get('sampleRate')).toMatchObject({ kind: 'number', integer: false, step: 0.05 });
    expect(f.get('defaultLevel')?.options?.map((o) => o.label)).toEqual([
      'Review all',
      'Review flagged',
      'Spot check',
      'Auto',
    ]);
    expect(f.get('dueInMinutes')).toMatchObject({
      kind: 'number',
      label: 'Due after (minutes)',
      integer: true,
    });
  });

  it('uses the prompt editor for templates, lists for arrays and sub-forms for object lists', () => {
    const f = byKey(aiSchema);
    expect(f.get('prompt')?.kind).toBe('template');
    expect(f.get('bodyTemplate')?.kind).toBe('template');
    expect(f.get('claims')?.kind).toBe('string-list');
    const rules = f.get('rules')!;
    expect(rules.kind).toBe('object-list');
    expect(rules.itemFields?.map((i) => [i.key, i.kind, i.required])).toEqual([
      ['path', 'text', true],
      ['operator', 'select', false],
    ]);
    expect(emptyItem(rules.itemFields!)).toEqual({ path: '', operator: 'equals' });
  });

  it('offers pickers for the fields the node schema marks as holding connection or user ids', () => {
    const fields = buildFormFields({
      type: 'object',
      properties: {
        connectionId: {
          type: 'string',
          maxLength: 64,
          title: 'SMTP connection',
          widget: 'connection',
          connectionKind: 'smtp',
        },
        assigneeUserIds: {
          type: 'array',
          items: { type: 'string', maxLength: 64 },
          default: [],
          title: 'Who may decide (people)',
          widget: 'people',
        },
        otherId: { type: 'string', maxLength: 64 },
      },
    });
    expect(fields.map((f) => [f.key, f.kind, f.connectionKind])).toEqual([
      ['connectionId', 'connection', 'smtp'],
      ['assigneeUserIds', 'people', undefined],
      ['otherId', 'text', undefined],
    ]);
  });

  it('keeps a name whose help mentions templates a one-line text field', () => {
    const f = byKey({
      type: 'object',
      properties: {
        name: {
          type: 'string',
          pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$',
          title: 'Name',
          description: 'Used in templates as {{ input.<name> }}',
        },
        greeting: { type: 'string', description: 'Say hello to {{ input.name }}' },
      },
    });
    expect(f.get('name')?.kind).toBe('text');
    expect(f.get('greeting')?.kind).toBe('template');
  });

  it('words enum choices as the node catalog labels them, not as their codes', () => {
    const fieldsOf = (type: string) =>
      buildFormFields(describeNodeTypes().find((d) => d.type === type)!.configSchema as JsonSchema);
    const labels = (field: FormField | undefined) => field?.options?.map((o) => o.label);
    const ai = fieldsOf('ai.generate');
    expect(labels(ai.find((f) => f.key === 'output'))).toEqual(['Free text', 'Structured fields']);
    expect(
      labels(ai.find((f) => f.key === 'fields')?.itemFields?.find((f) => f.key === 'kind')),
    ).toEqual(['Text', 'Number', 'Yes or no', 'List of texts', 'Table']);
    const form = fieldsOf('trigger.manual')[0]?.itemFields?.find((f) => f.key === 'kind');
    expect(labels(form)).toEqual([
      'Short text',
      'Long text',
      'Number',
      'Web address',
      'Choice from a list',
    ]);
    expect(labels(fieldsOf('publish.email').find((f) => f.key === 'format'))).toEqual([
      'HTML (formatted)',
      'Plain text',
    ]);
    // Values stay the codes the engine reads; a wrong one is refused in the designer's words.
    expect(form?.options?.map((o) => o.value)).toEqual([
      'text',
      'longtext',
      'number',
      'url',
      'select',
    ]);
    expect(validateValue(form!.schema, 'date')).toEqual([
      {
        path: [],
        message: 'Choose one of: Short text, Long text, Number, Web address, Choice from a list',
      },
    ]);
  });

  it('offers earlier values for a field that names one (a branch rule’s value)', () => {
    const rules = buildFormFields(
      describeNodeTypes().find((d) => d.type === 'logic.branch')!.configSchema as JsonSchema,
    ).find((f) => f.key === 'rules');
    expect(rules?.itemFields?.find((f) => f.key === 'path')?.kind).toBe('variable');
    expect(emptyItem(rules!.itemFields!)).toMatchObject({ path: '', operator: 'equals' });
  });
});

describe('validateValue', () => {
  it('accepts a valid config', () => {
    expect(
      validateValue(aiSchema, {
        prompt: 'Write',
        rules: [{ path: 'steps.check.passed' }],
        url: 'https://x.test/a',
      }),
    ).toEqual([]);
  });
  it('reports each problem with its field path', () => {
    const issues = validateValue(aiSchema, {
      prompt: '   ',
      rules: [{ path: 'nope', operator: 'maybe' }, { operator: 'equals' }],
      url: 'ftp://x',
      claims: [''],
    });
    expect(issues).toEqual([
      { path: ['prompt'], message: 'Required' },
      { path: ['claims', 0], message: 'Required' },
      { path: ['rules', 0, 'path'], message: 'Not in the expected format' },
      { path: ['rules', 0, 'operator'], message: 'Choose one of: Equals, Is true' },
      { path: ['rules', 1, 'path'], message: 'Required' },
      { path: ['url'], message: 'Enter a web address starting with http:// or https://' },
    ]);
  });
  it('checks numbers and list sizes', () => {
    expect(validateValue(reviewSchema, { requiredApprovals: 0, sampleRate: 2 })).toEqual([
      { path: ['requiredApprovals'], message: 'At least 1' },
      { path: ['sampleRate'], message: 'At most 1' },
    ]);
    expect(validateValue(reviewSchema, { requiredApprovals: 1.5 })[0]?.message).toBe(
      'Enter a whole number',
    );
    expect(validateValue(aiSchema, { rules: [] })[0]).toEqual({
      path: ['rules'],
      message: 'Add at least one item',
    });
  });
});

describe('describeFieldPath', () => {
  it('speaks in titles, and names list items as the form heads them', () => {
    expect(describeFieldPath(aiSchema, ['rules', 1, 'path'])).toBe('Rules › Rule 2 › Value');
    // The input form's items are titled "Field": the problem names "Field 2", as its card does.
    const form: JsonSchema = {
      type: 'object',
      properties: {
        fields: {
          title: 'Input form',
          type: 'array',
          items: { title: 'Field', type: 'object', properties: { name: { title: 'Name' } } },
        },
      },
    };
    expect(describeFieldPath(form, ['fields', 1, 'name'])).toBe('Input form › Field 2 › Name');
    expect(describeFieldPath(aiSchema, ['bodyTemplate'])).toBe('Body template');
  });
  it('humanizes keys', () => {
    expect(humanize('maxItemChangePercent')).toBe('Max item change percent');
  });
});

describe('numbers in the units people think in', () => {
  const schemaOf = (type: string) =>
    describeNodeTypes().find((d) => d.type === type)!.configSchema as JsonSchema;
  const fieldOf = (type: string, key: string) =>
    buildFormFields(schemaOf(type)).find((f) => f.key === key)!;

  it('takes a checkpoint’s sample rate as a percentage from 0 to 100', () => {
    expect(fieldOf('human.review', 'sampleRate')).toMatchObject({
      kind: 'percent',
      label: 'Sample rate',
      min: 0,
      max: 100,
      step: 1,
    });
  });

  it('takes a budget guard’s caps as the percentages they are stored as, the % beside the box', () => {
    for (const [key, label] of [
      ['maxItemChangePercent', 'Max change per line'],
      ['maxTotalChangePercent', 'Max change of the total'],
    ]) {
      expect(fieldOf('check.budget', key!)).toMatchObject({
        kind: 'number',
        label,
        unitLabel: '%',
        min: 0,
        max: 1000,
      });
    }
    const budget = schemaOf('check.budget');
    expect(validateValue(budget, { maxItemChangePercent: 1500 })).toEqual([
      { path: ['maxItemChangePercent'], message: 'At most 1000 %' },
    ]);
    expect(validateValue(budget, { maxItemChangePercent: 25 })).toEqual([]);
  });

  it('says a fraction’s bounds as percentages', () => {
    const review = schemaOf('human.review');
    expect(validateValue(review, { sampleRate: 10 })).toEqual([
      { path: ['sampleRate'], message: 'At most 100 %' },
    ]);
    expect(validateValue(review, { sampleRate: -0.05 })).toEqual([
      { path: ['sampleRate'], message: 'At least 0 %' },
    ]);
    expect(validateValue(review, { sampleRate: 0.1 })).toEqual([]);
  });

  it('takes a due time and a timeout with a unit, stored in minutes and seconds as before', () => {
    expect(fieldOf('human.review', 'dueInMinutes')).toMatchObject({
      kind: 'duration',
      label: 'Due after',
      baseUnit: 'minutes',
      units: ['minutes', 'hours', 'days'],
      integer: true,
      min: 1,
      max: 86_400,
    });
    expect(fieldOf('ai.generate', 'timeoutSeconds')).toMatchObject({
      kind: 'duration',
      label: 'Timeout',
      baseUnit: 'seconds',
      units: ['seconds', 'minutes'],
    });
  });

  it('says a duration’s bounds in words', () => {
    const review = schemaOf('human.review');
    expect(validateValue(review, { dueInMinutes: 90 * 24 * 60 })).toEqual([
      { path: ['dueInMinutes'], message: 'At most 60 days' },
    ]);
    expect(validateValue(review, { dueInMinutes: 0 })).toEqual([
      { path: ['dueInMinutes'], message: 'At least 1 minute' },
    ]);
    expect(validateValue(schemaOf('ai.generate'), { timeoutSeconds: 601 })[0]?.message).toBe(
      'At most 10 minutes',
    );
  });

  it('has no other fraction left to type as one', () => {
    const fractions = describeNodeTypes().flatMap((d) =>
      buildFormFields(d.configSchema as JsonSchema)
        .filter((f) => f.kind === 'number' && f.max !== undefined && f.max <= 1)
        .map((f) => `${d.type}.${f.key}`),
    );
    expect(fractions).toEqual([]);
  });
});

describe('one-line templates', () => {
  const fieldsOf = (type: string) => {
    const schema = describeNodeTypes().find((d) => d.type === type)!.configSchema as JsonSchema;
    return new Map(buildFormFields(schema).map((f) => [f.key, f]));
  };

  it('tells a subject or a title from a body or a prompt', () => {
    const email = fieldsOf('publish.email');
    expect(email.get('subject')).toMatchObject({ kind: 'template', singleLine: true });
    expect(email.get('bodyTemplate')?.singleLine).toBeUndefined();
    const wordpress = fieldsOf('publish.wordpress');
    expect(wordpress.get('titleTemplate')).toMatchObject({ kind: 'template', singleLine: true });
    expect(fieldsOf('ai.generate').get('prompt')?.singleLine).toBeUndefined();
  });
});
