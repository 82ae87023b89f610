import { z } from 'zod';
import { optionLabels, showWhen } from '../core/editor-hints.js';
import { FieldNameSchema } from '../core/field-name.js';

export const OUTPUT_FIELD_KINDS = ['text', 'number', 'boolean', 'text_list', 'table'] as const;

export const OutputColumnSchema = z.object({
  name: FieldNameSchema.meta({ title: 'Column name' }),
  kind: z.enum(['text', 'number']).default('text').meta({ title: 'Kind' }),
  description: z.string().max(500).default('').meta({ title: 'What goes here' }),
});

export const OutputFieldSchema = z.object({
  name: FieldNameSchema.meta({
    title: 'Field name',
    description: 'Read later as {{ steps.<id>.data.<name> }}',
  }),
  kind: z
    .enum(OUTPUT_FIELD_KINDS)
    .default('text')
    .meta({
      title: 'Kind',
      ...optionLabels({ boolean: 'Yes or no', text_list: 'List of texts' }),
    }),
  description: z.string().max(1_000).default('').meta({
    title: 'What the model should put here',
  }),
  required: z.boolean().default(true).meta({ title: 'Required' }),
  columns: z
    .array(OutputColumnSchema)
    .max(20)
    .default([])
    .meta({
      title: 'Columns',
      description: 'The columns of each row',
      ...showWhen({ kind: ['table'] }),
    }),
});
export type OutputField = z.output<typeof OutputFieldSchema>;

function columnSchema(column: OutputField['columns'][number]): z.ZodType {
  const base = column.kind === 'number' ? z.number().finite() : z.string().max(10_000);
  return column.description ? base.describe(column.description) : base;
}

function fieldSchema(field: OutputField): z.ZodType {
  let schema: z.ZodType;
  switch (field.kind) {
    case 'text':
      schema = z.string().max(100_000);
      break;
    case 'number':
      schema = z.number().finite();
      break;
    case 'boolean':
      schema = z.boolean();
      break;
    case 'text_list':
      schema = z.array(z.string().max(10_000)).max(200);
      break;
    case 'table': {
      const shape: Record<string, z.ZodType> = {};
      for (const column of field.columns) shape[column.name] = columnSchema(column);
      schema = z.array(z.strictObject(shape)).max(500);
      break;
    }
  }
  if (field.description) schema = schema.describe(field.description);
  return field.required ? schema : schema.optional();
}

/** The zod schema model output must satisfy: exactly the designer-declared fields. */
export function buildOutputSchema(
  fields: readonly OutputField[],
): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.name] = fieldSchema(field);
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/** JSON Schema of the declared fields, for structured output on the provider side. */
export function outputJsonSchema(fields: readonly OutputField[]): Record<string, unknown> {
  return z.toJSONSchema(buildOutputSchema(fields), { target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}
