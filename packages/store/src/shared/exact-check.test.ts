import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as schemas from '@tandem/schema';
import {
  AuditEventSchema,
  FeedbackSchema,
  PublicationSchema,
  RunSchema,
  StepSchema,
  TaskSchema,
} from '@tandem/schema';
import {
  makeFeedback,
  makePublication,
  makeRun,
  makeStep,
  makeTask,
  at,
} from '../contract/fixtures.js';
import { exactCheckFor } from './exact-check.js';
import { parseForWrite, parseStored } from './validate.js';

/**
 * Evenly spread numbers in [0, 1) from a start (a golden-ratio sequence): the same mutations
 * every run, so a failure names a case that can be re-run.
 */
function spread(start: number): () => number {
  let x = start % 1;
  return () => (x = (x + 0.6180339887498949) % 1);
}

class Box {
  constructor(public value = 1) {}
}

const ODD_VALUES: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 0,
  () => -1,
  () => 1.5,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => 2 ** 60,
  () => '',
  () => 'x'.repeat(5_000),
  () => 'not an id!',
  () => '2026-01-01T00:00:00',
  () => '2026-01-01T00:00:00.000Z',
  () => true,
  () => ({}),
  () => [],
  () => [1, 'a', null],
  () => new Date(0),
  () => new Box(),
  () => Object.create(null) as object,
  () => ({ nested: { deeper: [1, 2, { x: undefined }] } }),
  () => 'done',
  () => 'webhook',
];

type Json = Record<string, unknown> | unknown[];

/** Every container in `doc` with the path to it, the document itself first. */
function containers(doc: Json): Json[] {
  const found: Json[] = [doc];
  for (const value of Object.values(doc)) {
    if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Box)) {
      found.push(...containers(value as Json));
    }
  }
  return found;
}

/** A copy of `doc` with one random change somewhere in it. */
function mutate(doc: Record<string, unknown>, next: () => number): Record<string, unknown> {
  const copy = structuredClone(doc);
  const places = containers(copy);
  const place = places[Math.floor(next() * places.length)]!;
  const keys = Object.keys(place);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const kind = next();
  if (kind < 0.15 && keys.length > 0) {
    if (Array.isArray(place)) place.splice(Number(pick(keys)), 1);
    else delete place[pick(keys)];
  } else if (kind < 0.25) {
    if (Array.isArray(place)) place.push(pick(ODD_VALUES)());
    else place[pick(['extra', 'id2', 'createdat', '__proto__'])] = pick(ODD_VALUES)();
  } else if (keys.length > 0) {
    const key = pick(keys);
    (place as Record<string, unknown>)[key] = pick(ODD_VALUES)();
  }
  return copy;
}

const documents: [string, z.ZodType, Record<string, unknown>[]][] = [
  [
    'Run',
    RunSchema,
    [
      makeRun('run_1'),
      makeRun('run_2', { status: 'succeeded', outcome: 'published', endedAt: at(5) }),
      makeRun('run_3', { test: true, waitingFor: 'review', status: 'waiting' }),
    ],
  ],
  [
    'Step',
    StepSchema,
    [
      makeStep('step_1'),
      makeStep('step_2', {
        status: 'done',
        output: { text: 'Hello', data: { list: [1, 2, { a: null }] }, model: 'offline' },
        usage: { promptTokens: 1, completionTokens: 2, costUsd: 0.5 },
        state: { taskId: 'task_1', rounds: 2 },
        error: { code: 'E', message: 'm', origin: 'user', retryable: false },
        startedAt: at(1),
        endedAt: at(2),
      }),
    ],
  ],
  [
    'Publication',
    PublicationSchema,
    [
      makePublication('pub_1'),
      makePublication('pub_2', {
        status: 'succeeded',
        attempts: [
          { at: at(1), status: 200, durationMs: 3, error: null, responseExcerpt: '{"ok":true}' },
          { at: at(2), status: null, durationMs: 0, error: 'boom', responseExcerpt: null },
        ],
        archivedAt: at(9),
      }),
    ],
  ],
  [
    'Task',
    TaskSchema,
    [
      makeTask('task_1'),
      makeTask('task_2', {
        approvals: [{ action: 'approve', tags: ['tone'], actorId: 'u2', at: at(3) }],
        decision: { action: 'edit', content: 'New', tags: [], actorId: 'u3', at: at(4) },
        flags: [{ rule: 'banned', message: 'No', severity: 'warning', match: 'best' }],
        test: true,
      }),
    ],
  ],
  ['Feedback', FeedbackSchema, [makeFeedback('fb_1')]],
  [
    'Audit event',
    AuditEventSchema,
    [
      {
        id: 'aud_1',
        seq: 1,
        at: at(0),
        actorId: null,
        action: 'publication.sent',
        subjectType: 'publication',
        subjectId: 'run_1:send',
        details: { channel: 'webhook', target: 'https://example.com/***' },
        prevHash: '0'.repeat(64),
        hash: 'f'.repeat(64),
      },
    ],
  ],
];

describe('exactCheckFor', () => {
  it.each(documents)('compiles the %s schema the engine writes on every run', (_, schema, docs) => {
    const exact = exactCheckFor(schema);
    expect(exact).not.toBeNull();
    // Unchanged documents must take the fast path, or it saves nothing.
    for (const doc of docs) expect(exact!(doc)).toBe(true);
  });

  it.each(documents)(
    'never says yes where zod refuses or would return something else (%s, 3,000 mutations)',
    (name, schema, docs) => {
      const exact = exactCheckFor(schema)!;
      const next = spread(name.length / 7.3);
      let refused = 0;
      for (let i = 0; i < 3_000; i += 1) {
        const doc = mutate(docs[i % docs.length]!, next);
        const parsed = schema.safeParse(doc);
        if (!exact(doc)) {
          if (!parsed.success) refused += 1;
          continue;
        }
        expect(parsed.success, `zod refused a document the exact check passed: ${i}`).toBe(true);
        expect(parsed.data).toStrictEqual(doc);
      }
      // The mutations must reach invalid documents, or this test proves nothing.
      expect(refused).toBeGreaterThan(1_000);
    },
  );

  it('compiles every entity schema in the schema package without throwing', () => {
    let compiledCount = 0;
    for (const value of Object.values(schemas)) {
      if (!(value instanceof z.ZodType)) continue;
      if (exactCheckFor(value) !== null) compiledCount += 1;
    }
    expect(compiledCount).toBeGreaterThan(20);
  });

  it('leaves transforms, defaults, stripped keys and unions to zod', () => {
    const trimmed = exactCheckFor(z.string().trim())!;
    expect(trimmed('a b')).toBe(true);
    expect(trimmed(' a ')).toBe(false);
    const defaulted = exactCheckFor(z.strictObject({ a: z.array(z.string()).default([]) }))!;
    expect(defaulted({ a: ['x'] })).toBe(true);
    expect(defaulted({})).toBe(false);
    expect(exactCheckFor(z.strictObject({ a: z.string().default('x').optional() }))).toBeNull();
    expect(exactCheckFor(z.union([z.string(), z.number()]))).toBeNull();
    expect(exactCheckFor(z.string().transform((s) => s.length))).toBeNull();
    const stripping = exactCheckFor(z.object({ a: z.string() }))!;
    expect(stripping({ a: 'x' })).toBe(true);
    expect(stripping({ a: 'x', b: 1 })).toBe(false);
    const optional = exactCheckFor(z.strictObject({ a: z.string().optional() }))!;
    expect(optional({})).toBe(true);
    expect(optional({ a: undefined })).toBe(false);
    expect(exactCheckFor(z.strictObject({ a: z.string().exactOptional() }))).toBeNull();
  });

  it('runs refinements and formats through zod', () => {
    const even = exactCheckFor(
      z
        .number()
        .int()
        .refine((n) => n % 2 === 0),
    )!;
    expect(even(2)).toBe(true);
    expect(even(3)).toBe(false);
    expect(even(2.5)).toBe(false);
    const when = exactCheckFor(z.iso.datetime({ offset: true }))!;
    expect(when(at(0))).toBe(true);
    expect(when('yesterday')).toBe(false);
    const list = exactCheckFor(z.array(z.string().max(2)).max(2))!;
    expect(list(['ab', 'c'])).toBe(true);
    expect(list(['abc'])).toBe(false);
    expect(list(['a', 'b', 'c'])).toBe(false);
  });

  it('says no to what is not plain data, where zod would refuse or copy differently', () => {
    const strict = exactCheckFor(z.strictObject({ a: z.string() }))!;
    const hidden = { extra: 1 };
    Object.defineProperty(hidden, 'a', { value: 'x', enumerable: false });
    expect(strict(hidden)).toBe(false);
    expect(z.strictObject({ a: z.string() }).safeParse(hidden).success).toBe(false);
    // A field named like an Object.prototype member is not "present" by inheritance.
    expect(exactCheckFor(z.strictObject({ toString: z.custom() }))!({ zz: 1 })).toBe(false);
    const holes = exactCheckFor(z.array(z.string().optional()))!;
    expect(holes(['a', undefined])).toBe(true);
    // eslint-disable-next-line no-sparse-arrays
    expect(holes([, 'a'])).toBe(false);
    expect(exactCheckFor(z.strictObject({ [Symbol('s')]: z.string() }))).toBeNull();
  });

  it('leaves to zod the checks it runs on an absent optional field, and overwrites of objects', () => {
    const refined = z.strictObject({
      a: z
        .string()
        .optional()
        .refine((v) => v !== 'x'),
    });
    expect(exactCheckFor(refined)).toBeNull();
    const nullableRefined = z.strictObject({
      a: z
        .string()
        .optional()
        .nullable()
        .refine(() => true),
    });
    expect(exactCheckFor(nullableRefined)).toBeNull();
    expect(exactCheckFor(z.strictObject({ a: z.string().optional() }))).not.toBeNull();
    const sorted = z.array(z.number()).overwrite((list) => list.sort());
    expect(exactCheckFor(sorted)).toBeNull();
  });

  it('compiles a sub-schema shared many times over once', () => {
    let level: z.ZodType = z.strictObject({ leaf: z.string() });
    for (let i = 0; i < 40; i += 1) level = z.strictObject({ left: level, right: level });
    // 2^40 paths: compiled once per path, this would not finish before the test times out.
    expect(exactCheckFor(level)).not.toBeNull();
  });

  it('gives up on a schema that contains itself', () => {
    const Tree: z.ZodType = z.strictObject({
      name: z.string(),
      get children() {
        return z.array(Tree);
      },
    });
    expect(exactCheckFor(Tree)).toBeNull();
    expect(Tree.safeParse({ name: 'a', children: [{ name: 'b', children: [] }] }).success).toBe(
      true,
    );
  });
});

describe('parseForWrite', () => {
  it('hands back a document that passes as it is, and parses the rest', () => {
    const step = makeStep('step_1');
    expect(parseForWrite(StepSchema, step, 'Step')).toBe(step);
    // A stripped key: zod's copy, without it.
    const loose = z.object({ a: z.string() });
    expect(parseForWrite(loose, { a: 'x', b: 1 }, 'Thing')).toStrictEqual({ a: 'x' });
  });

  it('still refuses a bad document with the field path', () => {
    expect(() =>
      parseForWrite(StepSchema, { ...makeStep('step_1'), attempts: -1 }, 'Step'),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: ['attempts'], message: expect.any(String) }] },
      }),
    );
  });
});

describe('parseStored', () => {
  it('hands back a stored document that is already valid, and fills in what an older one lacks', () => {
    const stored = JSON.parse(JSON.stringify(makeStep('step_1'))) as unknown;
    expect(parseStored(StepSchema, stored, 'Step', 'step_1')).toBe(stored);
    const decided = makeTask('task_1', {
      decision: { action: 'approve', tags: [], actorId: 'u2', at: at(1) },
    });
    // Written before decisions had tags: read back with the default.
    const older = JSON.parse(JSON.stringify(decided)) as { decision: Record<string, unknown> };
    delete older.decision.tags;
    expect(parseStored(TaskSchema, older, 'Task', 'task_1').decision?.tags).toEqual([]);
  });

  it('still fails loudly on a damaged row', () => {
    const damaged = { ...makeStep('step_1'), status: 'exploded' };
    expect(() => parseStored(StepSchema, damaged, 'Step', 'step_1')).toThrow(
      'Stored Step step_1 does not match its schema',
    );
  });
});
