import { describe, expect, it } from 'vitest';
import {
  at,
  makeConnection,
  makeFlow,
  makePublication,
  makeSession,
  makeSetting,
  makeStep,
  makeUser,
  makeVersion,
} from './fixtures.js';
import { expectAppError, type ContractContext } from './harness.js';

/** Rules particular to one repository: unique keys, lookups, deletes, sessions, settings. */
export function repositoryCases(ctx: ContractContext): void {
  describe('users', () => {
    it('finds by email case-insensitively, lists by email and counts', async () => {
      const { users } = ctx.store();
      await users.create(makeUser('u2', { email: 'Zoe@Example.com' }));
      await users.create(makeUser('u1', { email: 'adam@example.com' }));
      expect((await users.findByEmail('ZOE@example.COM'))?.id).toBe('u2');
      expect(await users.findByEmail('nobody@example.com')).toBeNull();
      expect((await users.list()).map((u) => u.email)).toEqual([
        'adam@example.com',
        'zoe@example.com',
      ]);
      expect(await users.count()).toBe(2);
    });

    it('keeps emails unique on create and update', async () => {
      const { users } = ctx.store();
      await users.create(makeUser('u1', { email: 'a@example.com' }));
      await expectAppError(users.create(makeUser('u2', { email: 'A@example.com' })), 'CONFLICT');
      const b = await users.create(makeUser('u3', { email: 'b@example.com' }));
      await expectAppError(users.update({ ...b, email: 'a@example.com' }), 'CONFLICT');
      expect((await users.get('u3')).email).toBe('b@example.com');
      const moved = await users.update({ ...b, email: 'c@example.com' });
      expect((await users.findByEmail('c@example.com'))?.revision).toBe(moved.revision);
      expect(await users.findByEmail('b@example.com')).toBeNull();
    });
  });

  describe('sessions', () => {
    it('creates, finds, refuses duplicates and revokes', async () => {
      const { sessions } = ctx.store();
      const s1 = await sessions.create(makeSession('s1'));
      await expectAppError(sessions.create(makeSession('s1')), 'CONFLICT');
      expect(await sessions.find(s1.id)).toEqual(s1);
      expect(await sessions.find('missing-session-id')).toBeNull();
      await sessions.revoke(s1.id, at(10));
      await sessions.revoke(s1.id, at(20));
      expect((await sessions.find(s1.id))?.revokedAt).toBe(at(10));
      await sessions.revoke('missing-session-id', at(10));
    });

    it('revokes every session of one user only', async () => {
      const { sessions } = ctx.store();
      const a = await sessions.create(makeSession('a', { userId: 'u1' }));
      const b = await sessions.create(makeSession('b', { userId: 'u1' }));
      const c = await sessions.create(makeSession('c', { userId: 'u2' }));
      await sessions.revokeAllForUser('u1', at(5));
      expect((await sessions.find(a.id))?.revokedAt).toBe(at(5));
      expect((await sessions.find(b.id))?.revokedAt).toBe(at(5));
      expect((await sessions.find(c.id))?.revokedAt).toBeNull();
    });

    it('deletes expired sessions and reports how many', async () => {
      const { sessions } = ctx.store();
      const old = await sessions.create(makeSession('old', { expiresAt: at(100) }));
      const edge = await sessions.create(makeSession('edge', { expiresAt: at(200) }));
      const live = await sessions.create(makeSession('live', { expiresAt: at(300) }));
      expect(await sessions.deleteExpired(at(200))).toBe(2);
      expect(await sessions.find(old.id)).toBeNull();
      expect(await sessions.find(edge.id)).toBeNull();
      expect(await sessions.find(live.id)).not.toBeNull();
      expect(await sessions.deleteExpired(at(200))).toBe(0);
    });
  });

  describe('flows', () => {
    it('deletes a flow, and deleting a missing one is NOT_FOUND', async () => {
      const { flows } = ctx.store();
      await flows.create(makeFlow('f1'));
      await flows.delete('f1');
      expect(await flows.find('f1')).toBeNull();
      await expectAppError(flows.delete('f1'), 'NOT_FOUND');
      await flows.create(makeFlow('f1'));
      expect((await flows.get('f1')).revision).toBe(0);
    });

    it('searches names case-insensitively', async () => {
      const { flows } = ctx.store();
      await flows.create(makeFlow('f1', { name: 'Spring Launch' }));
      await flows.create(makeFlow('f2', { name: 'Weekly newsletter' }));
      await flows.create(makeFlow('f3', { name: 'Product LAUNCH 100%_x' }));
      const found = await flows.list({ search: 'launch' });
      expect(found.items.map((f) => f.id).sort()).toEqual(['f1', 'f3']);
      expect((await flows.list({ search: '100%_' })).items.map((f) => f.id)).toEqual(['f3']);
      expect((await flows.list({ search: '%' })).items.map((f) => f.id)).toEqual(['f3']);
    });
  });

  describe('flow versions', () => {
    it('keeps (flowId, number) unique and finds by number and latest', async () => {
      const { flowVersions } = ctx.store();
      await flowVersions.create(makeVersion('f1', 1));
      await flowVersions.create(makeVersion('f1', 2));
      await flowVersions.create(makeVersion('f2', 1));
      await expectAppError(flowVersions.create(makeVersion('f1', 2, { id: 'other' })), 'CONFLICT');
      await expectAppError(flowVersions.create(makeVersion('f1', 3, { id: 'f1-v1' })), 'CONFLICT');
      expect((await flowVersions.get('f1-v2')).number).toBe(2);
      await expectAppError(flowVersions.get('nope'), 'NOT_FOUND');
      expect((await flowVersions.findByNumber('f1', 1))?.id).toBe('f1-v1');
      expect(await flowVersions.findByNumber('f1', 9)).toBeNull();
      expect((await flowVersions.latest('f1'))?.number).toBe(2);
      expect(await flowVersions.latest('f9')).toBeNull();
      expect((await flowVersions.listPage('f1')).items.map((v) => v.number)).toEqual([2, 1]);
      expect((await flowVersions.listPage('f9')).items).toEqual([]);
    });

    it('refuses an invalid version', async () => {
      const { flowVersions } = ctx.store();
      await expectAppError(flowVersions.create(makeVersion('f1', 0)), 'VALIDATION_FAILED');
    });
  });

  describe('steps', () => {
    it('keeps (runId, nodeId, iteration) unique', async () => {
      const { steps } = ctx.store();
      await steps.create(makeStep('s1', { nodeId: 'draft' }));
      await expectAppError(steps.create(makeStep('s2', { nodeId: 'draft' })), 'CONFLICT');
      const second = await steps.create(makeStep('s3', { nodeId: 'draft', iteration: 1 }));
      await steps.create(makeStep('s4', { nodeId: 'draft', runId: 'r2' }));
      await expectAppError(steps.update({ ...second, iteration: 0 }), 'CONFLICT');
      expect((await steps.get('s3')).iteration).toBe(1);
    });
  });

  describe('publications', () => {
    it('keeps the idempotency key unique and finds by it', async () => {
      const { publications } = ctx.store();
      const p = await publications.create(makePublication('p1', { key: 'r1:send' }));
      await expectAppError(
        publications.create(makePublication('p2', { key: 'r1:send' })),
        'CONFLICT',
      );
      expect(await publications.findByKey('r1:send')).toEqual(p);
      expect(await publications.findByKey('r1:other')).toBeNull();
    });
  });

  describe('connections', () => {
    it('lists newest first and deletes', async () => {
      const { connections } = ctx.store();
      await connections.create(makeConnection('c1', { createdAt: at(1) }));
      await connections.create(makeConnection('c2', { createdAt: at(2) }));
      expect((await connections.list()).map((c) => c.id)).toEqual(['c2', 'c1']);
      await connections.delete('c2');
      expect((await connections.list()).map((c) => c.id)).toEqual(['c1']);
      await expectAppError(connections.delete('c2'), 'NOT_FOUND');
    });
  });

  describe('automation settings', () => {
    it('inserts at revision 0, then updates by revision', async () => {
      const { automation } = ctx.store();
      expect(await automation.find('f1', 'review')).toBeNull();
      const first = await automation.put(makeSetting('review'));
      expect(first.revision).toBe(0);
      const second = await automation.put({ ...first, level: 'spot_check' });
      expect(second).toMatchObject({ level: 'spot_check', revision: 1 });
      expect(await automation.find('f1', 'review')).toEqual(second);
      await expectAppError(automation.put({ ...first, level: 'auto' }), 'CONFLICT');
      await expectAppError(automation.put(makeSetting('other', { revision: 3 })), 'CONFLICT');
      expect(await automation.find('f1', 'other')).toBeNull();
    });

    it('lists one flow by node id and validates', async () => {
      const { automation } = ctx.store();
      await automation.put(makeSetting('b'));
      await automation.put(makeSetting('a'));
      await automation.put(makeSetting('c', { flowId: 'f2' }));
      expect((await automation.listByFlow('f1')).map((s) => s.nodeId)).toEqual(['a', 'b']);
      await expectAppError(
        automation.put(makeSetting('x', { sampleRate: 2 })),
        'VALIDATION_FAILED',
      );
    });
  });
}
