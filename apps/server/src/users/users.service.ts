import { AppError, isAppError } from '@tandem/schema';
import type {
  StorePort,
  User,
  UserCreate,
  UserDirectoryEntry,
  UserRecord,
  UserUpdate,
} from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import { toPublicUser } from '../auth/auth.service.js';
import { newId } from '../ids.js';

export interface UsersService {
  list(): Promise<User[]>;
  /** Id, name and roles of everyone, for the editor's "who may decide" picker; no email. */
  directory(): Promise<UserDirectoryEntry[]>;
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

  const isActiveAdmin = (u: UserRecord) => u.roles.includes('admin') && !u.disabled;

  /** The last enabled admin cannot lock everyone out of user management. */
  function keepOneAdmin(userId: string): AppError {
    return new AppError({
      code: 'CONFLICT',
      message: 'Keep at least one enabled admin',
      origin: 'user',
      details: { id: userId },
    });
  }

  /** The admin edited a user someone else has changed since: their edit is not applied. */
  function staleUser(userId: string): AppError {
    return new AppError({
      code: 'CONFLICT',
      message: 'Someone else changed this user since you loaded it; reload to see their change',
      origin: 'user',
      details: { id: userId },
    });
  }

  async function otherAdmins(userId: string): Promise<number> {
    return (await store.users.list()).filter((u) => isActiveAdmin(u) && u.id !== userId).length;
  }

  /**
   * User changes run one at a time in this process (they are rare admin actions), so two
   * admins demoting each other cannot both pass the check before either writes.
   */
  let userChanges: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const next = userChanges.then(work, work);
    userChanges = next.catch(() => undefined);
    return next;
  }

  /**
   * Another server process may have taken admin from someone else between our check and our
   * write. Checking again after the write catches that: the write that leaves no admin is put
   * back (every field a patch sets). Whichever process checks last sees both writes, so at least one admin remains.
   */
  async function undoIfNoAdminLeft(userId: string, before: UserRecord): Promise<void> {
    if ((await otherAdmins(userId)) > 0) return;
    for (let attempt = 1; ; attempt += 1) {
      const now = await store.users.get(userId);
      try {
        await store.users.update({
          ...now,
          name: before.name,
          roles: before.roles,
          disabled: before.disabled,
          passwordHash: before.passwordHash,
        });
        break;
      } catch (error) {
        if (!isAppError(error, 'CONFLICT') || attempt >= 5) throw error;
      }
    }
    throw keepOneAdmin(userId);
  }

  async function applyUpdate(actor: User, id: string, patch: UserUpdate): Promise<User> {
    const current = await store.users.get(id);
    if (current.revision !== patch.revision) throw staleUser(id);
    const roles = patch.roles ? [...new Set(patch.roles)] : current.roles;
    const disabled = patch.disabled ?? current.disabled;
    const losesAdmin = isActiveAdmin(current) && (!roles.includes('admin') || disabled);
    if (losesAdmin && (await otherAdmins(id)) === 0) throw keepOneAdmin(id);
    const now = clock.now().toISOString();
    // Written at the revision checked above: a write from another server process in between
    // makes the store refuse this one, which is the same stale edit.
    const updated = await store.users
      .update({
        ...current,
        name: patch.name ?? current.name,
        roles,
        disabled,
        passwordHash: patch.password ? await hashPassword(patch.password) : current.passwordHash,
        updatedAt: now,
      })
      .catch((error: unknown) => {
        throw isAppError(error, 'CONFLICT') ? staleUser(id) : error;
      });
    if (losesAdmin) await undoIfNoAdminLeft(id, current);
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
  }

  return {
    list: async () => (await store.users.list()).map(toPublicUser),
    // Built field by field, so neither the hash nor a field added to users later is shown.
    directory: async () =>
      (await store.users.list())
        .map((u) => ({ id: u.id, name: u.name, roles: u.roles, disabled: u.disabled }))
        .sort((a, b) => a.name.localeCompare(b.name)),
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

    update: (actor, id, patch) => oneAtATime(() => applyUpdate(actor, id, patch)),
  };
}
