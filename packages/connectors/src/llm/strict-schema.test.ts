import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isStrictCompatible, toStrictSchema } from './strict-schema.js';

describe('strict structured-output schemas', () => {
  it('accepts closed objects with every property required, in nested objects and arrays too', () => {
    const schema = z.toJSONSchema(
      z.strictObject({
        a: z.string(),
        rows: z.array(z.strictObject({ n: z.number(), note: z.string().nullable() })),
      }),
    );
    expect(isStrictCompatible(schema)).toBe(true);
  });

  it('refuses optional properties, open objects and oneOf/allOf', () => {
    expect(isStrictCompatible(z.toJSONSchema(z.strictObject({ a: z.string().optional() })))).toBe(
      false,
    );
    expect(isStrictCompatible(z.toJSONSchema(z.object({ a: z.string() }), { io: 'input' }))).toBe(
      false,
    );
    expect(
      isStrictCompatible({
        type: 'object',
        properties: { rows: { type: 'array', items: { type: 'object', properties: { x: {} } } } },
        required: ['rows'],
        additionalProperties: false,
      }),
    ).toBe(false);
    expect(isStrictCompatible({ oneOf: [{ type: 'string' }, { type: 'number' }] })).toBe(false);
  });

  it('removes keywords strict mode refuses, keeping structure and supported ones', () => {
    const schema = z.toJSONSchema(
      z.strictObject({
        title: z.string().min(3).max(80),
        link: z.url(),
        when: z.iso.datetime(),
        tags: z.array(z.string()).min(1).max(5),
        score: z.number().int().min(1).max(10),
      }),
    ) as Record<string, unknown>;
    expect(toStrictSchema(schema)).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string' },
        link: { type: 'string' },
        when: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
        score: { type: 'integer', minimum: 1, maximum: 10 },
      },
      required: ['title', 'link', 'when', 'tags', 'score'],
      additionalProperties: false,
    });
  });
});
