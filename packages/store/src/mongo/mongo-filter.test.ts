import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { afterKey, op } from './mongo-table.js';
import { defineModels } from './models.js';

describe('mongo filters and models (no server needed)', () => {
  it('keeps the store’s own operators and defuses operators smuggled in values', () => {
    const injected = { $ne: null } as unknown as string;
    const filter = mongoose.sanitizeFilter({
      status: op({ $in: ['open'] }),
      flowId: injected,
      $and: [afterKey(['createdAtMs', '_id'], [5, 'r1'], 'desc')],
    } as never) as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(filter.status))).toEqual({ $in: ['open'] });
    expect(filter.flowId).toEqual({ $eq: { $ne: null } });
    expect(JSON.parse(JSON.stringify(filter.$and))).toEqual([
      { $or: [{ createdAtMs: { $lt: 5 } }, { createdAtMs: 5, _id: { $lt: 'r1' } }] },
    ]);
  });

  it('declares the unique indexes the port’s rules rely on', () => {
    const conn = mongoose.createConnection();
    const models = defineModels(conn);
    const uniques = (model: mongoose.Model<never>): string[] =>
      model.schema
        .indexes()
        .filter(([, options]) => options.unique === true)
        .map(([fields]) => Object.keys(fields).join(','));
    expect(uniques(models.users as never)).toEqual(['email']);
    expect(uniques(models.flowVersions as never)).toEqual(['flowId,number']);
    expect(uniques(models.steps as never)).toEqual(['runId,nodeId,iteration']);
    expect(uniques(models.publications as never)).toEqual(['key']);
    expect(uniques(models.automation as never)).toEqual(['flowId,nodeId']);
    expect(uniques(models.audit as never)).toEqual(['id']);
    expect(models.audit.schema.path('_id').instance).toBe('Number');
    expect(models.runs.schema.path('_id').instance).toBe('String');
  });

  it('indexes runs by status and outcome, for the outcome filter and the start-up search', () => {
    const models = defineModels(mongoose.createConnection());
    const keys = models.runs.schema.indexes().map(([fields]) => Object.keys(fields).join(','));
    expect(keys).toContain('status,outcome,createdAtMs,_id');
    // A run written before the outcome was copied has no field: `null` finds it too.
    const query = models.runs.find({ status: op({ $in: ['succeeded'] }), outcome: null });
    query.cast(models.runs);
    expect(JSON.parse(JSON.stringify(query.getFilter()))).toEqual({
      status: { $in: ['succeeded'] },
      outcome: null,
    });
  });

  it('keeps test runs apart: an indexed flag, with rows written before it read as real runs', () => {
    const models = defineModels(mongoose.createConnection());
    const keys = models.runs.schema.indexes().map(([fields]) => Object.keys(fields).join(','));
    expect(keys).toContain('test,createdAtMs,_id');
    expect(models.runs.schema.path('test').instance).toBe('Boolean');
    expect(models.tasks.schema.path('test').instance).toBe('Boolean');
    const query = models.runs.find({ test: op({ $ne: true }) });
    query.cast(models.runs);
    expect(JSON.parse(JSON.stringify(query.getFilter()))).toEqual({ test: { $ne: true } });
  });

  it('validates rows and casts the store’s filters against the declared paths', async () => {
    const models = defineModels(mongoose.createConnection());
    const run = {
      _id: 'r1',
      revision: 0,
      doc: '{}',
      flowId: 'f1',
      status: 'running',
      createdAtMs: 1,
    };
    await expect(new models.runs(run).validate()).resolves.toBeUndefined();
    await expect(new models.runs({ ...run, doc: undefined }).validate()).rejects.toMatchObject({
      errors: { doc: expect.anything() },
    });
    expect(
      new models.steps({
        _id: 's1',
        revision: 0,
        doc: '{}',
        runId: 'r1',
        nodeId: 'n',
        iteration: 0,
        status: 'pending',
        createdAtMs: 1,
      }).wakeAtMs,
    ).toBeNull();

    const query = models.tasks.find({
      $and: [
        { status: op({ $in: ['open'] }), escalated: false },
        afterKey(['dueAtMs', 'createdAtMs', '_id'], ['7', 2, 't1'], 'asc'),
      ],
    });
    query.cast(models.tasks);
    const cast = JSON.parse(JSON.stringify(query.getFilter()));
    expect(cast.$and[1].$or[0]).toEqual({ dueAtMs: { $gt: 7 } });
    expect(cast.$and[1].$or[2]).toEqual({ dueAtMs: 7, createdAtMs: 2, _id: { $gt: 't1' } });
    const due = models.steps.find({ wakeAtMs: op({ $type: 'number', $lte: 5 }) });
    due.cast(models.steps);
    expect(JSON.parse(JSON.stringify(due.getFilter()))).toEqual({
      wakeAtMs: { $type: 'number', $lte: 5 },
    });
  });
});
