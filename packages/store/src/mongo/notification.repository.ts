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
import { MongoTable } from './mongo-table.js';
import type { Models } from './models.js';

export function createNotificationSettingsRepository(
  models: Models,
): NotificationSettingsRepository {
  const table = new MongoTable(models.notificationSettings, {
    what: 'Notification settings',
    schema: NotificationSettingsSchema,
    fields: {},
  });
  return {
    find: () => table.find(NOTIFICATION_SETTINGS_ID),
    put: async (settings) => putByRevision(table, settings, 'Notification settings'),
  };
}

export function createNotificationPreferenceRepository(
  models: Models,
): NotificationPreferenceRepository {
  const table = new MongoTable(models.notificationPreferences, {
    what: 'Notification preference',
    schema: NotificationPreferenceSchema,
    fields: { reviewEmails: (p) => p.reviewEmails },
  });
  return {
    find: (userId) => table.find(userId),
    put: async (preference) => putByRevision(table, preference, 'Notification preference'),
    listOptedIn: () => table.query({ reviewEmails: true }, { _id: 1 }),
  };
}

export function createNotificationDeliveryRepository(
  models: Models,
): NotificationDeliveryRepository {
  const table = new MongoTable(models.notificationDeliveries, {
    what: 'Notification delivery',
    schema: NotificationDeliverySchema,
    fields: { userId: (d) => d.userId, createdAtMs: (d) => toMs(d.createdAt) },
  });
  return {
    create: (d) => table.create(d),
    find: (id) => table.find(id),
    update: (d) => table.update(d),
  };
}
