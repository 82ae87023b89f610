import {
  NotificationDeliverySchema,
  NotificationPreferenceSchema,
  NotificationSettingsSchema,
  NOTIFICATION_SETTINGS_ID,
  type NotificationDeliveryRepository,
  type NotificationPreferenceRepository,
  type NotificationSettingsRepository,
} from '@tandem/schema';
import { putByRevision } from '../shared/put-by-revision.js';
import { toMs } from '../shared/time.js';
import { SqliteTable, type StatementCache } from './sqlite-table.js';

export function createNotificationSettingsRepository(
  sql: StatementCache,
): NotificationSettingsRepository {
  const table = new SqliteTable(sql, {
    table: 'notification_settings',
    what: 'Notification settings',
    schema: NotificationSettingsSchema,
    columns: {},
  });
  return {
    find: async () => table.find(NOTIFICATION_SETTINGS_ID),
    put: async (settings) => putByRevision(table, settings, 'Notification settings'),
  };
}

export function createNotificationPreferenceRepository(
  sql: StatementCache,
): NotificationPreferenceRepository {
  const table = new SqliteTable(sql, {
    table: 'notification_preferences',
    what: 'Notification preference',
    schema: NotificationPreferenceSchema,
    columns: { review_emails: (p) => (p.reviewEmails ? 1 : 0) },
  });
  return {
    find: async (userId) => table.find(userId),
    put: async (preference) => putByRevision(table, preference, 'Notification preference'),
    listOptedIn: async () =>
      table.query(
        'SELECT id, doc FROM notification_preferences WHERE review_emails = 1 ORDER BY id',
        [],
      ),
  };
}

export function createNotificationDeliveryRepository(
  sql: StatementCache,
): NotificationDeliveryRepository {
  const table = new SqliteTable(sql, {
    table: 'notification_deliveries',
    what: 'Notification delivery',
    schema: NotificationDeliverySchema,
    columns: { user_id: (d) => d.userId, created_at: (d) => toMs(d.createdAt) },
  });
  return {
    create: async (d) => table.create(d),
    find: async (id) => table.find(id),
    update: async (d) => table.update(d),
  };
}
