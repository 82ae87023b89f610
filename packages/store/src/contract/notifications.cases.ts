import type {
  NotificationDelivery,
  NotificationPreference,
  NotificationSettings,
} from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import { at } from './fixtures.js';
import { expectAppError, type ContractContext } from './harness.js';

function settings(over: Partial<NotificationSettings> = {}): NotificationSettings {
  return {
    id: 'workspace',
    connectionId: 'conn_smtp',
    baseUrl: 'https://tandem.example.com',
    updatedAt: at(1),
    updatedBy: 'u_admin',
    revision: 0,
    ...over,
  };
}

function preference(
  id: string,
  over: Partial<NotificationPreference> = {},
): NotificationPreference {
  return { id, reviewEmails: true, enabledAt: at(1), updatedAt: at(1), revision: 0, ...over };
}

function delivery(id: string, over: Partial<NotificationDelivery> = {}): NotificationDelivery {
  return {
    id,
    userId: 'u_1',
    windowStart: at(0),
    status: 'claimed',
    taskIds: ['t1', 't2'],
    createdAt: at(2),
    sentAt: null,
    error: null,
    revision: 0,
    ...over,
  };
}

/** The notification settings, each user's opt-in, and the claimed deliveries. */
export function notificationCases(ctx: ContractContext): void {
  describe('notification settings', () => {
    it('are absent until put, then put by revision like automation settings', async () => {
      const repo = ctx.store().notificationSettings;
      expect(await repo.find()).toBeNull();
      await expectAppError(repo.put(settings({ revision: 3 })), 'CONFLICT');
      const first = await repo.put(settings());
      expect(first).toEqual(settings({ revision: 0 }));
      const second = await repo.put({ ...first, connectionId: null });
      expect(second).toMatchObject({ connectionId: null, revision: 1 });
      expect(await repo.find()).toEqual(second);
      // A write from the revision read before the last one changes nothing.
      await expectAppError(
        repo.put({ ...first, baseUrl: 'https://other.example.com' }),
        'CONFLICT',
      );
      expect(await repo.find()).toEqual(second);
    });

    it('refuses a value that breaks the schema', async () => {
      const repo = ctx.store().notificationSettings;
      await expectAppError(
        repo.put({ ...settings(), baseUrl: 'ftp://files.example.com' }),
        'VALIDATION_FAILED',
      );
      expect(await repo.find()).toBeNull();
    });
  });

  describe('notification preferences', () => {
    it('are kept per user and list only those who opted in, by user id', async () => {
      const repo = ctx.store().notificationPreferences;
      expect(await repo.find('u_b')).toBeNull();
      await repo.put(preference('u_b'));
      await repo.put(preference('u_c', { reviewEmails: false, enabledAt: null }));
      const a = await repo.put(preference('u_a'));
      expect((await repo.listOptedIn()).map((p) => p.id)).toEqual(['u_a', 'u_b']);

      await repo.put({ ...a, reviewEmails: false });
      expect((await repo.listOptedIn()).map((p) => p.id)).toEqual(['u_b']);
      expect(await repo.find('u_a')).toMatchObject({ reviewEmails: false, revision: 1 });
      await expectAppError(repo.put(a), 'CONFLICT');
    });

    it('keep what was stored when the caller changes its copy', async () => {
      const repo = ctx.store().notificationPreferences;
      const input = preference('u_a');
      await repo.put(input);
      input.reviewEmails = false;
      expect(await repo.find('u_a')).toMatchObject({ reviewEmails: true });
    });
  });

  describe('notification deliveries', () => {
    it('are claimed once: a second create with the same id is refused with CONFLICT', async () => {
      const repo = ctx.store().notificationDeliveries;
      const claimed = await repo.create(delivery('nd_1'));
      expect(claimed).toEqual(delivery('nd_1'));
      await expectAppError(repo.create(delivery('nd_1', { userId: 'u_2' })), 'CONFLICT');
      expect(await repo.find('nd_1')).toEqual(claimed);
      expect(await repo.find('nd_missing')).toBeNull();
    });

    it('are updated by revision (claimed, then sent)', async () => {
      const repo = ctx.store().notificationDeliveries;
      const claimed = await repo.create(delivery('nd_1'));
      const sent = await repo.update({ ...claimed, status: 'sent', sentAt: at(3) });
      expect(sent).toMatchObject({ status: 'sent', sentAt: at(3), revision: 1 });
      await expectAppError(repo.update({ ...claimed, status: 'failed' }), 'CONFLICT');
      expect(await repo.find('nd_1')).toEqual(sent);
    });

    it('survive a reopen (a restart must not send again)', async () => {
      const reopen = ctx.harness().reopen;
      if (!reopen) return;
      await ctx.store().notificationDeliveries.create(delivery('nd_1'));
      await ctx.store().notificationPreferences.put(preference('u_1'));
      const store = await reopen();
      await expectAppError(store.notificationDeliveries.create(delivery('nd_1')), 'CONFLICT');
      expect((await store.notificationPreferences.listOptedIn()).map((p) => p.id)).toEqual(['u_1']);
    });
  });
}
