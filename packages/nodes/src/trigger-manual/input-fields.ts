import { z } from 'zod';
import { validationError } from '@tandem/schema';
import { optionLabels, showWhen } from '../core/editor-hints.js';
import { FieldNameSchema, flagRepeatedNames } from '../core/field-name.js';

export const INPUT_FIELD_KINDS = ['text', 'longtext', 'number', 'url', 'select'] as const;

export const InputFieldSchema = z
  .object({
    // Label first: it is what a designer thinks of first, and the editor fills the name from it.
    label: z
      .string()
      .trim()
      .min(1, 'Required')
      .max(200)
      .meta({ title: 'Label', description: 'What people starting a run see' }),
    name: FieldNameSchema.meta({
      title: 'Name',
      description: 'Filled in from the label; steps use it as {{ input.<name> }}',
    }),
    kind: z
      .enum(INPUT_FIELD_KINDS)
      .default('text')
      .meta({
        title: 'Kind',
        ...optionLabels({
          text: 'Short text',
          longtext: 'Long text',
          number: 'Number',
          url: 'Web address',
          select: 'Choice from a list',
        }),
      }),
    required: z.boolean().default(true).meta({ title: 'Required' }),
    options: z
      .array(z.string().trim().min(1).max(200))
      .max(100)
      .default([])
      .meta({
        title: 'Choices',
        description: 'The choices offered',
        ...showWhen({ kind: ['select'] }),
      }),
    help: z.string().max(500).optional().meta({ title: 'Help text' }),
    // What one item is called in the editor ("+ Add field"; "Field 2" until it has a label).
  })
  .meta({ title: 'Field' });
export type InputField = z.output<typeof InputFieldSchema>;

export const InputFieldListSchema = z
  .array(InputFieldSchema)
  .max(50)
  .superRefine((fields, ctx) => {
    flagRepeatedNames(fields, ctx);
    fields.forEach((field, i) => {
      if (field.kind === 'select' && field.options.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'Add at least one choice', path: [i, 'options'] });
      }
    });
  });

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The message for a missing value, or the kind's own message for a wrong one. */
function message(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : expected);
}

function fieldSchema(field: InputField): z.ZodType {
  let schema: z.ZodType;
  switch (field.kind) {
    case 'text':
      schema = z
        .string({ error: message('Enter text') })
        .trim()
        .max(2_000);
      break;
    case 'longtext':
      schema = z.string({ error: message('Enter text') }).max(50_000);
      break;
    case 'number':
      schema = z.number({ error: message('Enter a number') }).finite();
      break;
    case 'url':
      schema = z.url({
        protocol: /^https?$/,
        error: message('Enter a web address (http or https)'),
      });
      break;
    case 'select':
      schema = z.enum(field.options as [string, ...string[]], {
        error: message(`Choose one of: ${field.options.join(', ')}`),
      });
      break;
  }
  const toValue = (value: unknown) => {
    const v = emptyToUndefined(value);
    return field.kind === 'number' && typeof v === 'string' ? Number(v) : v;
  };
  return z.preprocess(toValue, field.required ? schema : schema.optional());
}

/** A zod schema for a run input with the trigger's fields. */
export function buildInputSchema(
  fields: readonly InputField[],
): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.name] = fieldSchema(field);
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/**
 * Built schemas by field list: a published version's fields are one array for the version's
 * life, and building a zod schema costs more than using it, once per run.
 */
const inputSchemas = new WeakMap<readonly InputField[], z.ZodType<Record<string, unknown>>>();

/** Validates a run input; VALIDATION_FAILED with `input.<field>` paths when it does not fit. */
export function parseRunInput(
  fields: readonly InputField[],
  input: unknown,
): Record<string, unknown> {
  let schema = inputSchemas.get(fields);
  if (schema === undefined) {
    schema = buildInputSchema(fields);
    inputSchemas.set(fields, schema);
  }
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.map((issue) => ({
      path: ['input', ...issue.path],
      message:
        issue.code === 'unrecognized_keys'
          ? `Unknown field(s): ${issue.keys.join(', ')}`
          : issue.message,
    })),
    'The run input does not fit the flow’s input form',
  );
}
