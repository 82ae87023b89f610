import {
  FlowSchema,
  FlowVersionSchema,
  FeedbackSchema,
  conflict,
  notFound,
  type FeedbackRepository,
  type FlowRepository,
  type FlowVersionRepository,
} from '@tandem/schema';
import type { QueryFilter } from 'mongoose';
import { DocReader } from '../shared/doc-reader.js';
import { feedbackOrder, flowOrder, flowVersionOrder } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { toMs } from '../shared/time.js';
import { parseForWrite } from '../shared/validate.js';
import { afterKey, isDuplicateKey, MongoTable, op } from './mongo-table.js';
import type { Models, Row } from './models.js';

/** Escapes a search text so it matches literally inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createFlowRepository(models: Models): FlowRepository {
  const table = new MongoTable(models.flows, {
    what: 'Flow',
    schema: FlowSchema,
    fields: { updatedAtMs: (f) => toMs(f.updatedAt), nameLower: (f) => f.name.toLowerCase() },
  });
  return {
    create: (f) => table.create(f),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (f) => table.update(f),
    delete: (id) => table.delete(id),
    list(options) {
      const search = options?.search?.trim().toLowerCase();
      const filter: QueryFilter<Row> = search ? { nameLower: op({ $regex: literal(search) }) } : {};
      return table.page(filter, flowOrder, ['updatedAtMs', '_id'], options);
    },
  };
}

export function createFlowVersionRepository(models: Models): FlowVersionRepository {
  const reader = new DocReader('Flow version', FlowVersionSchema);
  const model = models.flowVersions;
  const parseRows = (rows: { _id: string; doc: string }[]) =>
    rows.map((row) => reader.parse(row, row._id) as NonNullable<ReturnType<typeof reader.parse>>);
  return {
    async create(version) {
      const value = parseForWrite(FlowVersionSchema, version, 'Flow version');
      try {
        await model.create({
          _id: value.id,
          revision: 0,
          flowId: value.flowId,
          number: value.number,
          doc: JSON.stringify(value),
        });
      } catch (error) {
        if (isDuplicateKey(error)) {
          throw conflict(
            'Flow version',
            value.id,
            `Version ${value.number} of flow ${value.flowId} already exists`,
          );
        }
        throw error;
      }
      return value;
    },
    async get(id) {
      const row = await model.findOne({ _id: id }).lean<{ _id: string; doc: string }>();
      const value = reader.parse(row ?? undefined, id);
      if (value === null) throw notFound('Flow version', id);
      return value;
    },
    async findByNumber(flowId, number) {
      const row = await model.findOne({ flowId, number }).lean<{ _id: string; doc: string }>();
      return reader.parse(row ?? undefined, row?._id ?? '');
    },
    async latest(flowId) {
      const row = await model
        .findOne({ flowId })
        .sort({ number: -1 })
        .lean<{ _id: string; doc: string }>();
      return reader.parse(row ?? undefined, row?._id ?? '');
    },
    async listPage(flowId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, flowVersionOrder.shape);
      const filter: QueryFilter<Row> =
        after === null ? { flowId } : { flowId, number: op({ $lt: after[0] as number }) };
      const rows = await model
        .find(filter, { doc: 1 })
        .sort({ number: -1 })
        .limit(limit + 1)
        .lean<{ _id: string; doc: string }[]>();
      return toPage(parseRows(rows), limit, flowVersionOrder.key);
    },
  };
}

export function createFeedbackRepository(models: Models): FeedbackRepository {
  const reader = new DocReader('Feedback', FeedbackSchema);
  const model = models.feedback;
  return {
    async create(feedback) {
      const value = parseForWrite(FeedbackSchema, feedback, 'Feedback');
      try {
        await model.create({
          _id: value.id,
          revision: 0,
          flowId: value.flowId,
          nodeId: value.nodeId,
          sourceNodeId: value.sourceNodeId,
          createdAtMs: toMs(value.createdAt),
          doc: JSON.stringify(value),
        });
      } catch (error) {
        if (isDuplicateKey(error)) {
          throw conflict('Feedback', value.id, `Feedback ${value.id} already exists`);
        }
        throw error;
      }
      return value;
    },
    async list(options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, feedbackOrder.shape);
      const filter: QueryFilter<Row> = {};
      if (options?.flowId !== undefined) filter.flowId = options.flowId;
      if (options?.nodeId !== undefined) filter.nodeId = options.nodeId;
      if (options?.sourceNodeId !== undefined) filter.sourceNodeId = options.sourceNodeId;
      if (options?.since !== undefined) filter.createdAtMs = op({ $gte: toMs(options.since) });
      const where: QueryFilter<Row> =
        after === null
          ? filter
          : { $and: [filter, afterKey(['createdAtMs', '_id'], after, 'desc')] };
      const rows = await model
        .find(where, { doc: 1 })
        .sort({ createdAtMs: -1, _id: -1 })
        .limit(limit + 1)
        .lean<{ _id: string; doc: string }[]>();
      const items = rows.map(
        (row) => reader.parse(row, row._id) as NonNullable<ReturnType<typeof reader.parse>>,
      );
      return toPage(items, limit, feedbackOrder.key);
    },
  };
}
