import {
  AuditEventSchema,
  newSortableId,
  type AuditEntry,
  type AuditEvent,
  type StorePort,
} from '@tandem/schema';
import { computeAuditHash, GENESIS_HASH } from './audit-hash.js';
import { parseForWrite } from './validate.js';

/** The chain's head: what the next event builds on. */
export type AuditHead = Pick<AuditEvent, 'seq' | 'hash'>;

/** The next event of the chain after `last` (null for the first event). */
export function buildAuditEvent(entry: AuditEntry, last: AuditHead | null, now: Date): AuditEvent {
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    id: newSortableId('aud', now.getTime()),
    seq: (last?.seq ?? 0) + 1,
    at: entry.at ?? now.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: entry.details ?? {},
  };
  return parseForWrite(
    AuditEventSchema,
    { ...fields, prevHash, hash: computeAuditHash(prevHash, fields) },
    'Audit event',
  );
}

export interface AuditChainReport {
  ok: boolean;
  /** Events checked, in seq order, up to and including the first broken one. */
  checked: number;
  /** seq of the first event whose seq, prevHash or hash does not follow the chain. */
  brokenAt?: number;
}

/** Walks the whole log oldest first and recomputes every hash. */
export async function verifyAuditChain(
  store: Pick<StorePort, 'audit'>,
  pageSize = 500,
): Promise<AuditChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await store.audit.listFrom(expectedSeq - 1, pageSize);
    for (const event of batch) {
      checked += 1;
      const { hash, prevHash: storedPrev, ...fields } = event;
      const broken =
        event.seq !== expectedSeq ||
        storedPrev !== prevHash ||
        hash !== computeAuditHash(storedPrev, fields);
      if (broken) return { ok: false, checked, brokenAt: event.seq };
      prevHash = hash;
      expectedSeq += 1;
    }
    if (batch.length < pageSize) return { ok: true, checked };
  }
}
