import {
  AutomationSettingSchema,
  SessionSchema,
  TimestampSchema,
  UserRecordSchema,
  conflict,
  type AutomationRepository,
  type AutomationSetting,
  type Session,
  type SessionRepository,
  type UserRepository,
} from '@tandem/schema';
import { DocReader } from '../shared/doc-reader.js';
import { toMs } from '../shared/time.js';
import { parseForWrite, parseStored } from '../shared/validate.js';
import { isDuplicateKey, MongoTable, op } from './mongo-table.js';
import type { Models, SessionRow } from './models.js';

export function createUserRepository(models: Models): UserRepository {
  const table = new MongoTable(models.users, {
    what: 'User',
    schema: UserRecordSchema,
    fields: { email: (u) => u.email },
  });
  return {
    create: (u) => table.create(u),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (u) => table.update(u),
    findByEmail: async (email) =>
      (await table.query({ email: email.trim().toLowerCase() }, { _id: 1 }, 1))[0] ?? null,
    list: () => table.query({}, { email: 1, _id: 1 }),
    count: () => models.users.countDocuments({}),
  };
}

/** Sessions are flat, so they are stored as plain fields and revoked in place. */
export function createSessionRepository(models: Models): SessionRepository {
  const model = models.sessions;
  const toSession = (row: SessionRow): Session => {
    const { _id, expiresAtMs: _ms, ...rest } = row;
    return parseStored(SessionSchema, { id: _id, ...rest }, 'Session', _id);
  };
  return {
    async create(session) {
      const value = parseForWrite(SessionSchema, session, 'Session');
      const { id, ...rest } = value;
      try {
        await model.create({ _id: id, ...rest, expiresAtMs: toMs(value.expiresAt) });
      } catch (error) {
        if (isDuplicateKey(error)) throw conflict('Session', 'id', 'Session already exists');
        throw error;
      }
      // A session holds only strings and nulls: a shallow copy is the caller's own.
      return { ...value };
    },
    async find(id) {
      const row = await model.findOne({ _id: id }).lean<SessionRow>();
      return row ? toSession(row) : null;
    },
    async revoke(id, at) {
      const revokedAt = parseForWrite(TimestampSchema, at, 'Revocation time');
      await model.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt } });
    },
    async revokeAllForUser(userId, at) {
      const revokedAt = parseForWrite(TimestampSchema, at, 'Revocation time');
      await model.updateMany({ userId, revokedAt: null }, { $set: { revokedAt } });
    },
    async deleteExpired(now) {
      const { deletedCount } = await model.deleteMany({ expiresAtMs: op({ $lte: toMs(now) }) });
      return deletedCount;
    },
  };
}

export function createAutomationRepository(models: Models): AutomationRepository {
  const reader = new DocReader('Automation setting', AutomationSettingSchema);
  const model = models.automation;
  const keyOf = (s: { flowId: string; nodeId: string }): string => `${s.flowId}/${s.nodeId}`;
  const conditionalUpdate = async (value: AutomationSetting): Promise<AutomationSetting> => {
    const stored = { ...value, revision: value.revision + 1 };
    const { matchedCount } = await model.updateOne(
      { _id: keyOf(value), revision: value.revision },
      { $set: { revision: stored.revision, doc: JSON.stringify(stored) } },
    );
    if (matchedCount === 0) throw conflict('Automation setting', keyOf(value));
    return stored;
  };
  return {
    async find(flowId, nodeId) {
      const id = keyOf({ flowId, nodeId });
      const row = await model.findOne({ _id: id }, { doc: 1 }).lean<{ doc: string }>();
      return reader.parse(row ?? undefined, id);
    },
    async put(setting) {
      const value = parseForWrite(AutomationSettingSchema, setting, 'Automation setting');
      if (value.revision !== 0) return conditionalUpdate(value);
      // Revision 0 inserts when absent; when a row already exists it is an update of revision 0.
      try {
        await model.create({
          _id: keyOf(value),
          revision: 0,
          flowId: value.flowId,
          nodeId: value.nodeId,
          doc: JSON.stringify(value),
        });
        return value;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return conditionalUpdate(value);
      }
    },
    async listByFlow(flowId) {
      const rows = await model
        .find({ flowId }, { doc: 1 })
        .sort({ nodeId: 1 })
        .lean<{ _id: string; doc: string }[]>();
      return rows.map((row) => reader.parse(row, row._id) as AutomationSetting);
    },
  };
}
