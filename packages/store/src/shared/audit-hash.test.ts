import { createHash } from 'node:crypto';
import type { AuditEvent, StorePort } from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../memory/memory.store.js';
import { buildAuditEvent, verifyAuditChain } from './audit-chain.js';
import { canonicalJson, computeAuditHash, GENESIS_HASH } from './audit-hash.js';

/** A store whose audit log hands out `events` as stored, to simulate tampering. */
function logOf(events: AuditEvent[]): Pick<StorePort, 'audit'> {
  const store = createMemoryStore();
  return {
    audit: {
      ...store.audit,
      listFrom: async (afterSeq, limit) => events.filter((e) => e.seq > afterSeq).slice(0, limit),
    },
  };
}

function chain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < length; i += 1) {
    events.push(
      buildAuditEvent(
        {
          actorId: 'u1',
          action: 'task.decided',
          subjectType: 'task',
          subjectId: `t${i}`,
          details: { i },
        },
        events[events.length - 1] ?? null,
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      ),
    );
  }
  return events;
}

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('hashes the previous hash and the event fields', () => {
    const [first] = chain(1) as [AuditEvent];
    const { hash, prevHash, ...fields } = first;
    expect(prevHash).toBe(GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(computeAuditHash(prevHash, fields)).toBe(hash);
    expect(computeAuditHash(prevHash, { ...fields, details: { i: 1 } })).not.toBe(hash);
    expect(computeAuditHash('f'.repeat(64), fields)).not.toBe(hash);
    // The digest chains already stored were made with: still exactly that.
    const stored = createHash('sha256').update(prevHash).update(canonicalJson(fields));
    expect(hash).toBe(stored.digest('hex'));
  });

  it('verifies an intact chain across pages', async () => {
    expect(await verifyAuditChain(logOf(chain(12)), 5)).toEqual({ ok: true, checked: 12 });
    expect(await verifyAuditChain(logOf([]))).toEqual({ ok: true, checked: 0 });
  });

  it('reports the first edited, removed or relinked event', async () => {
    const edited = chain(6);
    edited[3] = { ...(edited[3] as AuditEvent), actorId: 'mallory' };
    expect(await verifyAuditChain(logOf(edited), 4)).toEqual({
      ok: false,
      checked: 4,
      brokenAt: 4,
    });

    const removed = chain(6).filter((e) => e.seq !== 2);
    expect(await verifyAuditChain(logOf(removed))).toEqual({ ok: false, checked: 2, brokenAt: 3 });

    const rehashed = chain(6);
    const victim = { ...(rehashed[2] as AuditEvent), subjectId: 'other' };
    const { hash: _h, prevHash, ...fields } = victim;
    rehashed[2] = { ...victim, hash: computeAuditHash(prevHash, fields) };
    expect(await verifyAuditChain(logOf(rehashed))).toEqual({ ok: false, checked: 4, brokenAt: 4 });
  });
});
