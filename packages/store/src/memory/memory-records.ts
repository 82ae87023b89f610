import {
  AutomationSettingSchema,
  FeedbackSchema,
  FlowVersionSchema,
  SessionSchema,
  TimestampSchema,
  conflict,
  notFound,
  type AuditEvent,
  type AutomationSetting,
  type Feedback,
  type FlowVersion,
  type Session,
  type StorePort,
} from '@tandem/schema';
import { buildAuditEvent } from '../shared/audit-chain.js';
import { auditOrder, feedbackOrder, flowVersionOrder } from '../shared/orders.js';
import { compareKeys, decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { toMs } from '../shared/time.js';
import { parseForWrite } from '../shared/validate.js';

/*
 * The memory store's records that are not revisioned entities (those are MemoryTables): kept
 * in plain maps, each written once or put by its key, every one handed out as a copy.
 */

const clone = <T>(value: T): T => structuredClone(value);

export function memorySessions(): StorePort['sessions'] {
  const sessions = new Map<string, Session>();
  return {
    async create(session) {
      const value = parseForWrite(SessionSchema, session, 'Session');
      if (sessions.has(value.id)) throw conflict('Session', 'id', 'Session already exists');
      sessions.set(value.id, clone(value));
      return clone(value);
    },
    find: async (id) => clone(sessions.get(id) ?? null),
    async revoke(id, at) {
      const when = parseForWrite(TimestampSchema, at, 'Revocation time');
      const session = sessions.get(id);
      if (session && session.revokedAt === null) session.revokedAt = when;
    },
    async revokeAllForUser(userId, at) {
      const when = parseForWrite(TimestampSchema, at, 'Revocation time');
      for (const s of sessions.values()) {
        if (s.userId === userId && s.revokedAt === null) s.revokedAt = when;
      }
    },
    async deleteExpired(now) {
      let deleted = 0;
      for (const [id, s] of sessions) {
        if (toMs(s.expiresAt) <= toMs(now)) {
          sessions.delete(id);
          deleted += 1;
        }
      }
      return deleted;
    },
  };
}

export function memoryFlowVersions(): StorePort['flowVersions'] {
  const versions = new Map<string, FlowVersion>();
  return {
    async create(version) {
      const value = parseForWrite(FlowVersionSchema, version, 'Flow version');
      const taken = [...versions.values()].some(
        (v) => v.id === value.id || (v.flowId === value.flowId && v.number === value.number),
      );
      if (taken) {
        throw conflict(
          'Flow version',
          value.id,
          `Version ${value.number} of flow ${value.flowId} already exists`,
        );
      }
      versions.set(value.id, clone(value));
      return clone(value);
    },
    async get(id) {
      const v = versions.get(id);
      if (!v) throw notFound('Flow version', id);
      return clone(v);
    },
    findByNumber: async (flowId, number) =>
      clone([...versions.values()].find((v) => v.flowId === flowId && v.number === number) ?? null),
    latest: async (flowId) => {
      const list = [...versions.values()].filter((v) => v.flowId === flowId);
      return clone(list.sort((a, b) => b.number - a.number)[0] ?? null);
    },
    listPage: async (flowId, options) => {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, flowVersionOrder.shape);
      const rows = [...versions.values()]
        .filter((v) => v.flowId === flowId && (after === null || v.number < (after[0] as number)))
        .sort((a, b) => b.number - a.number)
        .slice(0, limit + 1);
      return toPage(clone(rows), limit, flowVersionOrder.key);
    },
  };
}

export function memoryFeedback(): StorePort['feedback'] {
  const feedback = new Map<string, Feedback>();
  return {
    async create(item) {
      const value = parseForWrite(FeedbackSchema, item, 'Feedback');
      if (feedback.has(value.id))
        throw conflict('Feedback', value.id, `Feedback ${value.id} already exists`);
      feedback.set(value.id, clone(value));
      return clone(value);
    },
    async list(options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, feedbackOrder.shape);
      const since = options?.since === undefined ? undefined : toMs(options.since);
      const rows = [...feedback.values()]
        .filter(
          (f) =>
            (options?.flowId === undefined || f.flowId === options.flowId) &&
            (options?.nodeId === undefined || f.nodeId === options.nodeId) &&
            (options?.sourceNodeId === undefined || f.sourceNodeId === options.sourceNodeId) &&
            (since === undefined || toMs(f.createdAt) >= since) &&
            (after === null || compareKeys(feedbackOrder.key(f), after) < 0),
        )
        .sort((a, b) => compareKeys(feedbackOrder.key(b), feedbackOrder.key(a)))
        .slice(0, limit + 1);
      return toPage(clone(rows), limit, feedbackOrder.key);
    },
  };
}

export function memoryAutomation(): StorePort['automation'] {
  const automation = new Map<string, AutomationSetting>();
  return {
    find: async (flowId, nodeId) => clone(automation.get(`${flowId}\u0000${nodeId}`) ?? null),
    async put(setting) {
      const value = parseForWrite(AutomationSettingSchema, setting, 'Automation setting');
      const key = `${value.flowId}\u0000${value.nodeId}`;
      const current = automation.get(key);
      const expected = current?.revision ?? 0;
      if (value.revision !== expected) {
        throw conflict('Automation setting', `${value.flowId}/${value.nodeId}`);
      }
      const stored = { ...value, revision: current === undefined ? 0 : expected + 1 };
      automation.set(key, clone(stored));
      return clone(stored);
    },
    listByFlow: async (flowId) =>
      clone(
        [...automation.values()]
          .filter((a) => a.flowId === flowId)
          .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0)),
      ),
  };
}

export function memoryAudit(): StorePort['audit'] {
  const audit: AuditEvent[] = [];
  return {
    async append(entry) {
      const event = buildAuditEvent(entry, audit[audit.length - 1] ?? null, new Date());
      audit.push(clone(event));
      return event;
    },
    async list(options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, auditOrder.shape);
      const rows: AuditEvent[] = [];
      for (let i = audit.length - 1; i >= 0 && rows.length <= limit; i -= 1) {
        const e = audit[i] as AuditEvent;
        const matches =
          (after === null || e.seq < (after[0] as number)) &&
          (options?.actorId === undefined || e.actorId === options.actorId) &&
          (options?.action === undefined || e.action === options.action) &&
          (options?.subjectId === undefined || e.subjectId === options.subjectId) &&
          (options?.subjectType === undefined || e.subjectType === options.subjectType);
        if (matches) rows.push(e);
      }
      return toPage(clone(rows), limit, auditOrder.key);
    },
    listFrom: async (afterSeq, limit) =>
      clone(audit.filter((e) => e.seq > afterSeq).slice(0, limit)),
  };
}
