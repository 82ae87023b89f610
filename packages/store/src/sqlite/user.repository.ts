import {
  SessionSchema,
  TimestampSchema,
  UserRecordSchema,
  conflict,
  type SessionRepository,
  type UserRepository,
} from '@tandem/schema';
import { toMs } from '../shared/time.js';
import { parseForWrite } from '../shared/validate.js';
import { DocReader } from '../shared/doc-reader.js';
import { isUniqueViolation, SqliteTable, type StatementCache } from './sqlite-table.js';

export function createUserRepository(sql: StatementCache): UserRepository {
  const table = new SqliteTable(sql, {
    table: 'users',
    what: 'User',
    schema: UserRecordSchema,
    columns: { email: (u) => u.email },
  });
  const countStmt = sql.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  return {
    create: async (u) => table.create(u),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (u) => table.update(u),
    findByEmail: async (email) =>
      table.query('SELECT id, doc FROM users WHERE email = ?', [email.trim().toLowerCase()])[0] ??
      null,
    list: async () => table.query('SELECT id, doc FROM users ORDER BY email, id', []),
    count: async () => countStmt.get()?.n ?? 0,
  };
}

export function createSessionRepository(sql: StatementCache): SessionRepository {
  const reader = new DocReader('Session', SessionSchema);
  const db = sql.db;
  const insert = db.prepare(
    'INSERT INTO sessions (id, user_id, expires_at, doc) VALUES (@id, @userId, @expiresAt, @doc)',
  );
  const select = db.prepare<[string], { doc: string }>('SELECT doc FROM sessions WHERE id = ?');
  // The first revocation time is kept: revoking again must not move it.
  const revoke = db.prepare(
    `UPDATE sessions SET doc = json_set(doc, '$.revokedAt', @at)
     WHERE id = @id AND json_extract(doc, '$.revokedAt') IS NULL`,
  );
  const revokeAll = db.prepare(
    `UPDATE sessions SET doc = json_set(doc, '$.revokedAt', @at)
     WHERE user_id = @userId AND json_extract(doc, '$.revokedAt') IS NULL`,
  );
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    async create(session) {
      const value = parseForWrite(SessionSchema, session, 'Session');
      try {
        insert.run({
          id: value.id,
          userId: value.userId,
          expiresAt: toMs(value.expiresAt),
          doc: JSON.stringify(value),
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('Session', 'id', 'Session already exists');
        throw error;
      }
      return value;
    },
    find: async (id) => reader.parse(select.get(id), id),
    async revoke(id, at) {
      revoke.run({ id, at: parseForWrite(TimestampSchema, at, 'Revocation time') });
    },
    async revokeAllForUser(userId, at) {
      revokeAll.run({ userId, at: parseForWrite(TimestampSchema, at, 'Revocation time') });
    },
    deleteExpired: async (now) => deleteExpired.run(toMs(now)).changes,
  };
}
