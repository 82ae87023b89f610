import { isAppError } from '@tandem/schema';
import type { Role, StorePort, UserRecord } from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import type { Config } from '../config/config.js';
import { hashPassword } from '../auth/password.js';
import { newId } from '../ids.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';

export interface SeedDeps {
  store: StorePort;
  config: Pick<Config, 'seed' | 'nodeEnv' | 'admin'>;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  /** Demo content besides users (brand kit, template flows), added by the content seeder. */
  seedContent?: () => Promise<void>;
}

/** Another process seeding the same store at the same moment wins the race; that is fine. */
async function ignoreConflict<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (isAppError(error, 'CONFLICT')) return null;
    throw error;
  }
}

/**
 * Runs only on an empty store (no users). Development and test get the four demo accounts;
 * production never does: its first admin comes from TANDEM_ADMIN_EMAIL/PASSWORD. The demo
 * content is added unless TANDEM_SEED=none.
 */
export async function seedStore(deps: SeedDeps): Promise<{ seeded: boolean }> {
  const { store, config, clock, logger, audit } = deps;
  if ((await store.users.count()) > 0) return { seeded: false };
  const now = clock.now().toISOString();
  const accounts: { email: string; name: string; roles: Role[]; password: string }[] = [];
  if (config.admin) {
    accounts.push({ ...config.admin, name: 'Administrator', roles: ['admin'] });
  }
  if (config.seed === 'demo' && config.nodeEnv !== 'production') {
    for (const user of DEMO_USERS) {
      if (user.email !== config.admin?.email) accounts.push({ ...user, password: DEMO_PASSWORD });
    }
  }
  if (accounts.length === 0) {
    logger.warn(
      'No users exist and none were seeded: set TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD to create the first admin',
    );
  }
  for (const account of accounts) {
    const record: UserRecord = {
      id: newId('usr'),
      email: account.email,
      name: account.name,
      roles: account.roles,
      disabled: false,
      passwordHash: await hashPassword(account.password),
      createdAt: now,
      updatedAt: now,
      revision: 0,
    };
    const created = await ignoreConflict(store.users.create(record));
    if (created) {
      await audit.record({
        actorId: null,
        action: 'user.seeded',
        subjectType: 'user',
        subjectId: created.id,
        details: { email: created.email, roles: created.roles },
      });
    }
  }
  if (config.seed === 'demo' && deps.seedContent) await deps.seedContent();
  logger.info('Seeded an empty store', { users: accounts.map((a) => a.email), demo: config.seed });
  return { seeded: true };
}
