import { AppError, AuditEventSchema, type AuditEvent, type AuditRepository } from '@tandem/schema';
import type { QueryFilter } from 'mongoose';
import { buildAuditEvent } from '../shared/audit-chain.js';
import { DocReader } from '../shared/doc-reader.js';
import { auditOrder } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { isDuplicateKey, op } from './mongo-table.js';
import type { AuditRow, Models } from './models.js';

/** Appends racing for the same seq retry on the new head; this bounds a pathological storm. */
const MAX_APPEND_ATTEMPTS = 100;

export function createAuditRepository(models: Models): AuditRepository {
  const reader = new DocReader('Audit event', AuditEventSchema);
  const model = models.audit;
  const parseRows = (rows: { _id: number; doc: string }[]): AuditEvent[] =>
    rows.map((row) => reader.parse(row, String(row._id)) as AuditEvent);
  return {
    // seq is the _id, so two appends built on the same head cannot both be inserted: the
    // loser gets a duplicate key, reads the new head and links after it.
    async append(entry) {
      for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
        const head = await model
          .findOne({}, { doc: 1 })
          .sort({ _id: -1 })
          .lean<{ _id: number; doc: string }>();
        const last = head ? (reader.parse(head, String(head._id)) as AuditEvent) : null;
        const event = buildAuditEvent(entry, last, new Date());
        try {
          await model.create({
            _id: event.seq,
            id: event.id,
            actorId: event.actorId,
            action: event.action,
            subjectType: event.subjectType,
            subjectId: event.subjectId,
            doc: JSON.stringify(event),
          });
          return event;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
      throw new AppError({
        code: 'INTERNAL',
        message: 'The audit log is too busy to append; try again',
        retryable: true,
      });
    },
    async list(options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, auditOrder.shape);
      const filter: QueryFilter<AuditRow> = {};
      if (options?.actorId !== undefined) filter.actorId = options.actorId;
      if (options?.action !== undefined) filter.action = options.action;
      if (options?.subjectType !== undefined) filter.subjectType = options.subjectType;
      if (options?.subjectId !== undefined) filter.subjectId = options.subjectId;
      if (after !== null) filter._id = op({ $lt: after[0] as number });
      const rows = await model
        .find(filter, { doc: 1 })
        .sort({ _id: -1 })
        .limit(limit + 1)
        .lean<{ _id: number; doc: string }[]>();
      return toPage(parseRows(rows), limit, auditOrder.key);
    },
    listFrom: async (afterSeq, limit) =>
      parseRows(
        await model
          .find({ _id: op({ $gt: afterSeq }) }, { doc: 1 })
          .sort({ _id: 1 })
          .limit(limit)
          .lean<{ _id: number; doc: string }[]>(),
      ),
  };
}
