import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputFieldSchema } from './input-fields.js';

describe('start form field settings', () => {
  it('ask for the label before the name, as a newcomer thinks of them', () => {
    const schema = z.toJSONSchema(InputFieldSchema, { io: 'input' }) as {
      properties: Record<string, { description?: string }>;
    };
    expect(Object.keys(schema.properties).slice(0, 2)).toEqual(['label', 'name']);
    expect(schema.properties.name?.description).toContain('Filled in from the label');
  });
});
