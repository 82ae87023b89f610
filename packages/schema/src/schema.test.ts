import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  AppError,
  DecisionInputSchema,
  EngineEventSchema,
  FlowInputSchema,
  GraphSchema,
  HTTP_STATUS_BY_CODE,
  LIMITS,
  NodeInstanceSchema,
  SafeJsonSchema,
  JsonRecordSchema,
  SafeRecordSchema,
  UserCreateSchema,
  validationError,
  ENGINE_EVENT_TYPES,
} from './index.js';

const node = (id: string, config: unknown = {}) => ({
  id,
  type: 'ai.generate',
  position: { x: 0, y: 0 },
  config,
});

describe('strict shapes', () => {
  it('rejects unknown keys with their path', () => {
    const result = NodeInstanceSchema.safeParse({ ...node('a'), extra: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects a __proto__ key that JSON.parse made an own property', () => {
    const raw = JSON.parse(
      '{"id":"a","type":"ai.generate","position":{"x":0,"y":0},"config":{},"__proto__":{"admin":true}}',
    );
    expect(NodeInstanceSchema.safeParse(raw).success).toBe(false);
  });

  it('rejects forbidden keys deep inside free-form config, naming the path', () => {
    const bad = JSON.parse(
      '{"a":{"b":[{"$where":"1"}]},"ok":{"__proto__":{"x":1}},"constructor":1}',
    );
    const result = SafeRecordSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['a.b.0.$where', 'ok.__proto__', 'constructor']));
  });

  it('accepts only JSON values, naming the path of the one that is not', () => {
    const bad = {
      ok: [1, 'two', true, null, { nested: [] }],
      nan: Number.NaN,
      big: Number.POSITIVE_INFINITY,
      missing: undefined,
      when: new Date(0),
      map: new Map(),
      call: () => 1,
      list: [1, undefined],
    };
    const result = SafeRecordSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      'nan: Not a JSON number (NaN or infinite)',
      'big: Not a JSON number (NaN or infinite)',
      'missing: Not a JSON value (undefined)',
      'when: Not a JSON object',
      'map: Not a JSON object',
      'call: Not a JSON value (function)',
      'list.1: Not a JSON value (undefined)',
    ]);
    expect(SafeJsonSchema.safeParse([1, { a: 'b' }, null]).success).toBe(true);
    expect(SafeJsonSchema.safeParse(Number.NaN).success).toBe(false);
    expect(SafeRecordSchema.safeParse([1, 2]).success).toBe(false);
    expect(SafeRecordSchema.safeParse('text').success).toBe(false);
    expect(SafeRecordSchema.safeParse({ ['k'.repeat(LIMITS.name + 1)]: 1 }).success).toBe(false);
    expect(SafeRecordSchema.safeParse(Object.assign(Object.create(null), { a: 1 })).success).toBe(
      true,
    );
  });

  it('documents free-form JSON in JSON Schema (API docs), though its check has no such form', () => {
    const doc = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any' });
    expect(doc(SafeRecordSchema)).toMatchObject({ type: 'object', additionalProperties: true });
    expect(doc(SafeJsonSchema)).toMatchObject({ description: 'Any JSON value' });
  });

  it('accepts ordinary nested JSON and keeps it intact', () => {
    const value = {
      prompt: 'Write about {{ input.topic }}',
      fields: [{ name: 'title', required: true }],
    };
    expect(SafeRecordSchema.parse(value)).toEqual(value);
  });

  it('bounds depth and string size', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < LIMITS.jsonDepth + 2; i++) {
      deep.child = {};
      deep = deep.child as Record<string, unknown>;
    }
    expect(SafeRecordSchema.safeParse(root).success).toBe(false);
    expect(SafeRecordSchema.safeParse({ text: 'x'.repeat(LIMITS.longText + 1) }).success).toBe(
      false,
    );
  });

  it('records any JSON object as z.json() did, with no rule on keys or size', () => {
    const sent = {
      $schema: 'https://example.com/s.json',
      body: { constructor: 'x', text: 'y'.repeat(LIMITS.longText + 1) },
      list: [1, 'two', null, true, { deep: [[[]]] }],
    };
    const samples: unknown[] = [
      sent,
      {},
      { a: Number.NaN },
      { a: undefined },
      { a: new Date() },
      { a: [1, () => 1] },
      [1, 2],
      'text',
      null,
    ];
    const asZodJson = z.record(z.string(), z.json());
    for (const sample of samples) {
      expect(JsonRecordSchema.safeParse(sample).success).toBe(asZodJson.safeParse(sample).success);
    }
    expect(JsonRecordSchema.parse(sent)).toEqual(sent);
    const bad = JsonRecordSchema.safeParse({ list: [1, { at: Number.POSITIVE_INFINITY }] });
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'list.1.at: Not a JSON number (NaN or infinite)',
    ]);
  });

  it('bounds ids to a safe alphabet', () => {
    expect(NodeInstanceSchema.safeParse(node('a b')).success).toBe(false);
    expect(NodeInstanceSchema.safeParse(node('x'.repeat(LIMITS.id + 1))).success).toBe(false);
  });
});

describe('graph', () => {
  it('reports duplicate node and edge ids with paths', () => {
    const result = GraphSchema.safeParse({
      nodes: [node('a'), node('a')],
      edges: [
        { id: 'e', source: 'a', target: 'a' },
        { id: 'e', source: 'a', target: 'a' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['nodes.1.id', 'edges.1.id']);
  });

  it('requires a flow name', () => {
    const result = FlowInputSchema.safeParse({ name: '  ', graph: { nodes: [], edges: [] } });
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });
});

describe('decisions', () => {
  it('requires content for edit and a note for request_changes', () => {
    expect(DecisionInputSchema.safeParse({ action: 'edit' }).error?.issues[0]?.path).toEqual([
      'content',
    ]);
    expect(
      DecisionInputSchema.safeParse({ action: 'request_changes', reason: ' ' }).error?.issues[0]
        ?.path,
    ).toEqual(['reason']);
    expect(DecisionInputSchema.safeParse({ action: 'approve' }).success).toBe(true);
    expect(DecisionInputSchema.safeParse({ action: 'publish' }).success).toBe(false);
  });
});

describe('users', () => {
  it('normalises email and checks roles and password length', () => {
    const ok = UserCreateSchema.parse({
      email: 'Ann@Example.com',
      name: 'Ann',
      roles: ['reviewer'],
      password: 'long enough',
    });
    expect(ok.email).toBe('ann@example.com');
    expect(UserCreateSchema.safeParse({ ...ok, roles: ['root'] }).success).toBe(false);
    expect(UserCreateSchema.safeParse({ ...ok, password: 'short' }).success).toBe(false);
  });
});

describe('errors', () => {
  it('maps every code to an HTTP status and renders the API body', () => {
    for (const status of Object.values(HTTP_STATUS_BY_CODE))
      expect(status).toBeGreaterThanOrEqual(400);
    const error = new AppError({ code: 'TASK_CLAIMED', message: 'Taken', details: { by: 'u1' } });
    expect(error.status).toBe(409);
    expect(error.toBody()).toEqual({
      error: { code: 'TASK_CLAIMED', message: 'Taken', details: { by: 'u1' } },
    });
  });

  it('turns zod issues into field paths', () => {
    const issues = FlowInputSchema.safeParse({ name: '', graph: { nodes: [{}], edges: [] } }).error!
      .issues;
    const error = validationError(issues);
    expect(error.status).toBe(400);
    const paths = (error.details.issues as { path: unknown[] }[]).map((i) => i.path.join('.'));
    expect(paths).toContain('name');
    expect(paths).toContain('graph.nodes.0.id');
  });
});

describe('engine events', () => {
  it('lists the pushed event names', () => {
    expect(ENGINE_EVENT_TYPES).toEqual(
      expect.arrayContaining([
        'run.updated',
        'step.updated',
        'task.created',
        'task.updated',
        'automation.updated',
      ]),
    );
    expect(EngineEventSchema.safeParse({ type: 'task.created', task: {} }).success).toBe(false);
  });
});
