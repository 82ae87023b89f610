import { AuditEventSchema, type AuditEntry, type AuditRepository } from '@tandem/schema';
import { buildAuditEvent } from '../shared/audit-chain.js';
import { auditOrder } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { DocReader } from '../shared/doc-reader.js';
import { type SqlValue, type StatementCache } from './sqlite-table.js';

export function createAuditRepository(sql: StatementCache): AuditRepository {
  const reader = new DocReader('Audit event', AuditEventSchema);
  const db = sql.db;
  // Only the head's seq and hash feed the next link; a damaged head still breaks the chain,
  // which verifyAuditChain reports.
  const last = db.prepare<[], { seq: number; hash: string }>(
    "SELECT seq, json_extract(doc, '$.hash') AS hash FROM audit ORDER BY seq DESC LIMIT 1",
  );
  // Positional parameters, as in sqlite-table.ts: binding by name costs more per write.
  const insert = db.prepare(
    `INSERT INTO audit (seq, id, actor_id, action, subject_type, subject_id, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const from = db.prepare<[number, number], { id: string; doc: string }>(
    'SELECT id, doc FROM audit WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const appendToHead = (entry: AuditEntry) => {
    const event = buildAuditEvent(entry, last.get() ?? null, new Date());
    insert.run(
      event.seq,
      event.id,
      event.actorId,
      event.action,
      event.subjectType,
      event.subjectId,
      JSON.stringify(event),
    );
    return event;
  };
  // Reading the chain's head and inserting its successor is one immediate transaction, so a
  // second writer (in this or another process) waits and then builds on the new head. Inside
  // the store's open batch (BEGIN IMMEDIATE) this connection already holds the write lock and
  // the head cannot move: a savepoint there would only add two statements.
  const appendAlone = db.transaction(appendToHead);
  return {
    append: async (entry) =>
      db.inTransaction ? appendToHead(entry) : appendAlone.immediate(entry),
    async list(options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, auditOrder.shape);
      const where: string[] = [];
      const params: SqlValue[] = [];
      for (const [column, value] of [
        ['actor_id', options?.actorId],
        ['action', options?.action],
        ['subject_type', options?.subjectType],
        ['subject_id', options?.subjectId],
      ] as const) {
        if (value !== undefined) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      }
      if (after !== null) {
        where.push('seq < ?');
        params.push(after[0] as number);
      }
      const rows = sql
        .get(
          'SELECT id, doc FROM audit' +
            (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
            ' ORDER BY seq DESC LIMIT ?',
        )
        .all(...params, limit + 1) as { id: string; doc: string }[];
      return toPage(reader.parseAll(rows), limit, auditOrder.key);
    },
    listFrom: async (afterSeq, limit) => reader.parseAll(from.all(afterSeq, limit)),
  };
}
