import { AppError } from '@tandem/schema';
import type { StorePort, User, UserCreate, UserRecord, UserUpdate } from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import { toPublicUser } from '../auth/auth.service.js';
import { newId } from '../ids.js';

export interface UsersService {
  list(): Promise<User[]>;
  get(id: string): Promise<User>;
  create(actor: User, input: UserCreate): Promise<User>;
  update(actor: User, id: string, patch: UserUpdate): Promise<User>;
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function createUsersService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
  /** Closes the user's open sockets when their access ends. */
  onAccessRevoked?: (userId: string) => void;
}): UsersService {
  const { store, clock, audit } = deps;

  /** The last enabled admin cannot lock everyone out of user management. */
  async function assertAnotherAdmin(userId: string): Promise<void> {
    const admins = (await store.users.list()).filter(
      (u) => u.roles.includes('admin') && !u.disabled && u.id !== userId,
    );
    if (admins.length === 0) {
      throw new AppError({
        code: 'CONFLICT',
        message: 'Keep at least one enabled admin',
        origin: 'user',
        details: { id: userId },
      });
    }
  }

  return {
    list: async () => (await store.users.list()).map(toPublicUser),
    get: async (id) => toPublicUser(await store.users.get(id)),

    async create(actor, input) {
      if (await store.users.findByEmail(input.email)) {
        throw new AppError({
          code: 'CONFLICT',
          message: `A user with email ${input.email} already exists`,
          origin: 'user',
          details: { issues: [{ path: ['email'], message: 'Already taken' }] },
        });
      }
      const now = clock.now().toISOString();
      const record: UserRecord = {
        id: newId('usr'),
        email: input.email,
        name: input.name,
        roles: [...new Set(input.roles)],
        disabled: false,
        passwordHash: await hashPassword(input.password),
        createdAt: now,
        updatedAt: now,
        revision: 0,
      };
      const created = await store.users.create(record);
      await audit.record({
        actorId: actor.id,
        action: 'user.created',
        subjectType: 'user',
        subjectId: created.id,
        details: { email: created.email, roles: created.roles },
      });
      return toPublicUser(created);
    },

    async update(actor, id, patch) {
      const current = await store.users.get(id);
      const roles = patch.roles ? [...new Set(patch.roles)] : current.roles;
      const disabled = patch.disabled ?? current.disabled;
      const losesAdmin =
        current.roles.includes('admin') &&
        !current.disabled &&
        (!roles.includes('admin') || disabled);
      if (losesAdmin) await assertAnotherAdmin(id);
      const now = clock.now().toISOString();
      const updated = await store.users.update({
        ...current,
        name: patch.name ?? current.name,
        roles,
        disabled,
        passwordHash: patch.password ? await hashPassword(patch.password) : current.passwordHash,
        updatedAt: now,
      });
      const base = { actorId: actor.id, subjectType: 'user', subjectId: id } as const;
      if (!sameRoles(current.roles, roles)) {
        await audit.record({
          ...base,
          action: 'user.roles_changed',
          details: { from: current.roles, to: roles },
        });
      }
      if (disabled !== current.disabled) {
        await audit.record({ ...base, action: disabled ? 'user.disabled' : 'user.enabled' });
      }
      if (patch.password) await audit.record({ ...base, action: 'user.password_changed' });
      if (patch.name && patch.name !== current.name) {
        await audit.record({
          ...base,
          action: 'user.renamed',
          details: { from: current.name, to: patch.name },
        });
      }
      // A disabled account or a new password ends every open session at once.
      if (disabled || patch.password) await store.sessions.revokeAllForUser(id, now);
      // Open sockets joined role rooms and were granted run and flow subscriptions under the
      // old roles; dropping them makes the client reconnect with what the new roles allow.
      if (disabled || patch.password || !sameRoles(current.roles, roles)) {
        deps.onAccessRevoked?.(id);
      }
      return toPublicUser(updated);
    },
  };
}
