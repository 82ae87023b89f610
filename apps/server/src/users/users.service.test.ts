import type { StorePort, User, UserRecord } from '@tandem/schema';
import { createMemoryStore } from '@tandem/store';
import { beforeEach, describe, expect, it } from 'vitest';
import { toPublicUser } from '../auth/auth.service.js';
import { createAuditService } from '../audit/audit.service.js';
import { createUsersService } from './users.service.js';

const at = '2026-01-01T00:00:00.000Z';
function admin(id: string): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: `Admin ${id}`,
    roles: ['admin'],
    disabled: false,
    passwordHash: 'scrypt$abc$def',
    createdAt: at,
    updatedAt: at,
    revision: 0,
  };
}

/** A users service as one server process has it; two of them on one store are two processes. */
function serviceOn(store: StorePort) {
  return createUsersService({
    store,
    clock: { now: () => new Date() },
    audit: createAuditService(store),
  });
}

let store: StorePort;
let actor: User;
beforeEach(async () => {
  store = createMemoryStore();
  actor = toPublicUser(await store.users.create(admin('usr_a')));
  await store.users.create(admin('usr_b'));
});

async function activeAdmins(): Promise<string[]> {
  return (await store.users.list())
    .filter((u) => u.roles.includes('admin') && !u.disabled)
    .map((u) => u.id);
}

describe('users service: at least one enabled admin', () => {
  it('refuses one of two admins demoting each other at the same time', async () => {
    const users = serviceOn(store);
    const outcomes = await Promise.allSettled([
      users.update(actor, 'usr_a', { revision: 0, roles: ['designer'] }),
      users.update(actor, 'usr_b', { revision: 0, disabled: true }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({
      code: 'CONFLICT',
      message: 'Keep at least one enabled admin',
    });
    expect(await activeAdmins()).toHaveLength(1);
  });

  it('puts back a change that left no admin when another process demoted the other one', async () => {
    // Two processes: the in-process queue cannot order them, the check after the write must.
    const first = serviceOn(store);
    const second = serviceOn(store);
    const outcomes = await Promise.allSettled([
      first.update(actor, 'usr_a', { revision: 0, roles: ['designer'], name: 'Renamed' }),
      second.update(actor, 'usr_b', { revision: 0, roles: ['manager'] }),
    ]);
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
    expect((await activeAdmins()).length).toBeGreaterThanOrEqual(1);
    // A refused change is undone as a whole, its other fields too, and is not audited.
    for (const [index, id] of ['usr_a', 'usr_b'].entries()) {
      if (outcomes[index]!.status === 'fulfilled') continue;
      const user = await store.users.get(id);
      expect(user.roles).toEqual(['admin']);
      expect(user.name).toBe(`Admin ${id}`);
      const audited = await store.audit.list({ subjectId: id });
      expect(audited.items.map((e) => e.action)).not.toContain('user.roles_changed');
    }
  });

  it('lets an admin step down while another admin remains', async () => {
    const users = serviceOn(store);
    await users.update(actor, 'usr_a', { revision: 0, roles: ['manager'] });
    expect(await activeAdmins()).toEqual(['usr_b']);
    await expect(
      users.update(actor, 'usr_b', { revision: 0, roles: ['manager'] }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('users service: edits from a stale revision', () => {
  it('refuses an edit made from a revision someone else has changed since, changing nothing', async () => {
    const users = serviceOn(store);
    await users.update(actor, 'usr_b', { revision: 0, name: 'First edit' });
    await expect(
      users.update(actor, 'usr_b', { revision: 0, roles: ['designer'], name: 'Second edit' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/someone else/i) });
    const user = await store.users.get('usr_b');
    expect(user).toMatchObject({ name: 'First edit', roles: ['admin'], revision: 1 });
    const audited = await store.audit.list({ subjectId: 'usr_b' });
    expect(audited.items.map((e) => e.action)).toEqual(['user.renamed']);
  });

  it('lets one of two processes editing the same user from one revision win', async () => {
    // Each process passes its own revision check; the store's write at that revision decides.
    const outcomes = await Promise.allSettled([
      serviceOn(store).update(actor, 'usr_b', { revision: 0, name: 'From one' }),
      serviceOn(store).update(actor, 'usr_b', { revision: 0, name: 'From two' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: 'CONFLICT' });
    expect(lost[0]?.reason.message).toMatch(/someone else/i);
    const user = await store.users.get('usr_b');
    expect(user.name).toBe(won[0]?.status === 'fulfilled' ? won[0].value.name : undefined);
    expect(user.revision).toBe(1);
  });
});
