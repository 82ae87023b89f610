import { isAppError, type AuditAction, type StorePort } from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import { computeAuditHash, GENESIS_HASH } from '../shared/audit-hash.js';
import { verifyAuditChain } from '../shared/audit-chain.js';
import { at, makeFlow, makeRun, makeSetting, makeTask } from './fixtures.js';
import { expectAppError, type ContractContext, type StoreFactory } from './harness.js';

/** Two writers from the same read: exactly one wins and the store holds the winner's value. */
async function race<T extends { revision: number }>(
  read: T,
  writes: [T, T],
  update: (value: T) => Promise<T>,
  get: () => Promise<T>,
): Promise<void> {
  const results = await Promise.allSettled(writes.map((w) => update(w)));
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r) => r.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(isAppError((lost[0] as PromiseRejectedResult).reason, 'CONFLICT')).toBe(true);
  const winner = (won[0] as PromiseFulfilledResult<T>).value;
  expect(winner.revision).toBe(read.revision + 1);
  expect(await get()).toEqual(winner);
}

export function integrityCases(ctx: ContractContext, factory: StoreFactory): void {
  describe('concurrency', () => {
    it('runs, tasks and flows: exactly one of two updates from one read wins', async () => {
      const store = ctx.store();
      const run = await store.runs.create(makeRun('r1'));
      await race(
        run,
        [
          { ...run, status: 'succeeded' as const },
          { ...run, status: 'canceled' as const },
        ],
        (v) => store.runs.update(v),
        () => store.runs.get('r1'),
      );
      const task = await store.tasks.create(makeTask('t1'));
      await race(
        task,
        [
          { ...task, claimedBy: 'alice', claimedAt: at(1) },
          { ...task, claimedBy: 'bob', claimedAt: at(2) },
        ],
        (v) => store.tasks.update(v),
        () => store.tasks.get('t1'),
      );
      const flow = await store.flows.create(makeFlow('f1'));
      await race(
        flow,
        [
          { ...flow, name: 'A' },
          { ...flow, name: 'B' },
        ],
        (v) => store.flows.update(v),
        () => store.flows.get('f1'),
      );
    });

    it('automation settings: exactly one of two puts from one read wins', async () => {
      const { automation } = ctx.store();
      const setting = await automation.put(makeSetting('review'));
      await race(
        setting,
        [
          { ...setting, level: 'auto' as const },
          { ...setting, level: 'spot_check' as const },
        ],
        (v) => automation.put(v),
        async () => (await automation.find('f1', 'review')) ?? Promise.reject(new Error('gone')),
      );
    });

    it('many writers on one run: revisions count every successful write', async () => {
      const { runs } = ctx.store();
      await runs.create(makeRun('r1'));
      let wins = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let attempt = 0; attempt < 50; attempt += 1) {
            const current = await runs.get('r1');
            try {
              await runs.update({
                ...current,
                usage: { ...current.usage, promptTokens: current.usage.promptTokens + 1 },
              });
              wins += 1;
              return;
            } catch (error) {
              if (!isAppError(error, 'CONFLICT')) throw error;
            }
          }
        }),
      );
      const final = await runs.get('r1');
      expect(wins).toBe(8);
      expect(final.revision).toBe(8);
      expect(final.usage.promptTokens).toBe(8);
    });
  });

  describe('audit log', () => {
    it('appends a hash chain, lists newest first with filters, and verifies', async () => {
      const { audit } = ctx.store();
      const first = await audit.append({
        actorId: 'u1',
        action: 'auth.login',
        subjectType: 'user',
        subjectId: 'u1',
      });
      expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, details: {} });
      const { hash, prevHash, ...fields } = first;
      expect(hash).toBe(computeAuditHash(prevHash, fields));
      const second = await audit.append({
        actorId: 'u2',
        action: 'task.decided',
        subjectType: 'task',
        subjectId: 't1',
        details: { action: 'approve', nested: { b: 1, a: [true, null] } },
        at: at(5),
      });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash, at: at(5) });
      await audit.append({
        actorId: null,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: 'u2',
      });
      expect((await audit.list()).items.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect((await audit.list({ action: 'auth.login' })).items.map((e) => e.seq)).toEqual([3, 1]);
      expect((await audit.list({ actorId: 'u2' })).items.map((e) => e.seq)).toEqual([2]);
      expect(
        (await audit.list({ subjectType: 'user', subjectId: 'u2' })).items.map((e) => e.seq),
      ).toEqual([3]);
      const page1 = await audit.list({ limit: 2 });
      const page2 = await audit.list({ limit: 2, cursor: page1.nextCursor });
      expect(page2.items.map((e) => e.seq)).toEqual([1]);
      expect(page2.nextCursor).toBeUndefined();
      expect((await audit.listFrom(1, 10)).map((e) => e.seq)).toEqual([2, 3]);
      expect((await audit.listFrom(0, 2)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await verifyAuditChain(ctx.store())).toEqual({ ok: true, checked: 3 });
    });

    it('concurrent appends never fork the chain', async () => {
      const store = ctx.store();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.audit.append({
            actorId: 'u1',
            action: 'flow.published',
            subjectType: 'flow',
            subjectId: `f${i}`,
          }),
        ),
      );
      const events = await store.audit.listFrom(0, 100);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(events.map((e) => e.subjectId)).size).toBe(40);
      expect(await verifyAuditChain(store, 7)).toEqual({ ok: true, checked: 40 });
    });

    it('refuses an entry that breaks the schema', async () => {
      const { audit } = ctx.store();
      await expectAppError(
        audit.append({
          actorId: 'u1',
          action: 'x'.repeat(100) as AuditAction,
          subjectType: 't',
          subjectId: 's',
        }),
        'VALIDATION_FAILED',
      );
      expect(await audit.listFrom(0, 10)).toEqual([]);
    });
  });

  describe('health', () => {
    it('answers ping while open', async () => {
      expect(await ctx.store().ping()).toBe(true);
    });
  });

  describe.runIf(factory.durable)('durability', () => {
    it('keeps every repository across close and reopen', async () => {
      const store = ctx.store();
      const run = await store.runs.update(await store.runs.create(makeRun('r1')));
      const task = await store.tasks.create(makeTask('t1', { dueAt: at(10) }));
      await store.automation.put(makeSetting('review'));
      await store.audit.append({
        actorId: 'u1',
        action: 'flow.created',
        subjectType: 'run',
        subjectId: 'r1',
      });
      const reopened: StorePort = await (ctx.harness().reopen as () => Promise<StorePort>)();
      expect(await reopened.runs.get('r1')).toEqual(run);
      expect(await reopened.tasks.get('t1')).toEqual(task);
      expect(await reopened.tasks.nextDueAt()).toBe(at(10));
      expect((await reopened.automation.find('f1', 'review'))?.revision).toBe(0);
      const next = await reopened.audit.append({
        actorId: 'u1',
        action: 'flow.published',
        subjectType: 'run',
        subjectId: 'r1',
      });
      expect(next.seq).toBe(2);
      expect(await verifyAuditChain(reopened)).toEqual({ ok: true, checked: 2 });
      await expectAppError(reopened.runs.update({ ...run, revision: 0 }), 'CONFLICT');
    });
  });

  describe.runIf(factory.canCorrupt)('rows are parsed on read', () => {
    it('a damaged row fails loudly on get, find and list', async () => {
      const store = ctx.store();
      await store.runs.create(makeRun('r1'));
      await store.runs.create(makeRun('r2'));
      await (ctx.harness().corruptRun as (id: string) => Promise<void>)('r1');
      await expectAppError(store.runs.get('r1'), 'INTERNAL');
      await expectAppError(store.runs.find('r1'), 'INTERNAL');
      await expectAppError(store.runs.list(), 'INTERNAL');
      expect((await store.runs.get('r2')).id).toBe('r2');
    });
  });
}
