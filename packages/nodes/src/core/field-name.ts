import { z } from 'zod';

/**
 * The name a designer gives a form field or an AI output field: it becomes a key of the run
 * input or the step output. Names every object inherits (`constructor`, `toString`, `valueOf`,
 * ...) are refused: a blank optional field read the inherited function and failed as
 * "Enter text", and `constructor` is a key no stored document may hold, so such a flow could
 * never run.
 */
export const FieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'Start with a letter; letters, digits and "_" only')
  .refine((name) => !(name in Object.prototype), 'This name is reserved; choose another');

/**
 * Marks each field whose name an earlier one already has, on its own `name`: two fields of one
 * name would write the same `{{ input.<name> }}`, and only one value could reach the run.
 */
export function flagRepeatedNames(fields: readonly { name: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.name)) {
      ctx.addIssue({ code: 'custom', message: `"${field.name}" is used twice`, path: [i, 'name'] });
    }
    seen.add(field.name);
  });
}
