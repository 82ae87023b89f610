import {
  AutomationSettingSchema,
  FeedbackSchema,
  conflict,
  type AutomationRepository,
  type AutomationSetting,
  type FeedbackRepository,
} from '@tandem/schema';
import { feedbackOrder } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { toMs } from '../shared/time.js';
import { parseForWrite } from '../shared/validate.js';
import { DocReader } from '../shared/doc-reader.js';
import { ParsedDocs } from './parsed-docs.js';
import { isUniqueViolation, type SqlValue, type StatementCache } from './sqlite-table.js';

export function createFeedbackRepository(sql: StatementCache): FeedbackRepository {
  const reader = new DocReader('Feedback', FeedbackSchema);
  const insert = sql.db.prepare(
    `INSERT INTO feedback (id, flow_id, node_id, source_node_id, created_at, doc)
     VALUES (@id, @flowId, @nodeId, @sourceNodeId, @createdAt, @doc)`,
  );
  return {
    async create(feedback) {
      const value = parseForWrite(FeedbackSchema, feedback, 'Feedback');
      try {
        insert.run({
          id: value.id,
          flowId: value.flowId,
          nodeId: value.nodeId,
          sourceNodeId: value.sourceNodeId,
          createdAt: toMs(value.createdAt),
          doc: JSON.stringify(value),
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict('Feedback', value.id, `Feedback ${value.id} already exists`);
        }
        throw error;
      }
      return value;
    },
    async list(options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, feedbackOrder.shape);
      const where: string[] = [];
      const params: SqlValue[] = [];
      for (const [column, value] of [
        ['flow_id', options?.flowId],
        ['node_id', options?.nodeId],
        ['source_node_id', options?.sourceNodeId],
      ] as const) {
        if (value !== undefined) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      }
      if (options?.since !== undefined) {
        where.push('created_at >= ?');
        params.push(toMs(options.since));
      }
      if (after !== null) {
        where.push('(created_at, id) < (?, ?)');
        params.push(...after);
      }
      const rows = sql
        .get(
          'SELECT id, doc FROM feedback' +
            (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
            ' ORDER BY created_at DESC, id DESC LIMIT ?',
        )
        .all(...params, limit + 1) as { id: string; doc: string }[];
      return toPage(reader.parseAll(rows), limit, feedbackOrder.key);
    },
  };
}

export function createAutomationRepository(sql: StatementCache): AutomationRepository {
  const reader = new DocReader('Automation setting', AutomationSettingSchema);
  // Every checkpoint the engine reaches reads its setting; most reads find the same text.
  const parsed = sql.keepParsed(new ParsedDocs<AutomationSetting>());
  const db = sql.db;
  const select = db.prepare<[string, string], { doc: string }>(
    'SELECT doc FROM automation WHERE flow_id = ? AND node_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO automation (flow_id, node_id, revision, doc)
     VALUES (@flowId, @nodeId, 0, @doc)`,
  );
  const update = db.prepare(
    `UPDATE automation SET revision = revision + 1, doc = @doc
     WHERE flow_id = @flowId AND node_id = @nodeId AND revision = @expected`,
  );
  const byFlow = db.prepare<[string], { doc: string; id: string }>(
    'SELECT node_id AS id, doc FROM automation WHERE flow_id = ? ORDER BY node_id',
  );
  // Revision 0 may mean "insert" or "update the row inserted at 0": decide inside one
  // transaction so no other writer slips in between the check and the write.
  const put = db.transaction((value: ReturnType<typeof AutomationSettingSchema.parse>) => {
    const id = `${value.flowId}/${value.nodeId}`;
    const exists = select.get(value.flowId, value.nodeId) !== undefined;
    if (!exists) {
      if (value.revision !== 0) throw conflict('Automation setting', id);
      const stored = { ...value, revision: 0 };
      insert.run({ flowId: value.flowId, nodeId: value.nodeId, doc: JSON.stringify(stored) });
      return stored;
    }
    const stored = { ...value, revision: value.revision + 1 };
    const { changes } = update.run({
      flowId: value.flowId,
      nodeId: value.nodeId,
      expected: value.revision,
      doc: JSON.stringify(stored),
    });
    if (changes === 0) throw conflict('Automation setting', id);
    return stored;
  });
  return {
    async find(flowId, nodeId) {
      const row = select.get(flowId, nodeId);
      if (row === undefined) return null;
      const id = `${flowId}/${nodeId}`;
      return parsed.read(id, row.doc, () => reader.parse(row, id)!);
    },
    async put(setting) {
      return put.immediate(parseForWrite(AutomationSettingSchema, setting, 'Automation setting'));
    },
    listByFlow: async (flowId) => reader.parseAll(byFlow.all(flowId)),
  };
}
