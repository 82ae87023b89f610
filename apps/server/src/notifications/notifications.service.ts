import { NOTIFICATION_SETTINGS_ID, validationError } from '@tandem/schema';
import type {
  NotificationPreferenceInput,
  NotificationPreferenceView,
  NotificationSettings,
  NotificationSettingsInput,
  NotificationSettingsView,
  StorePort,
  User,
} from '@tandem/schema';
import { isTimeZone, UNKNOWN_TIME_ZONE, type Clock } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';

export interface NotificationsService {
  settings(): Promise<NotificationSettingsView>;
  saveSettings(admin: User, input: NotificationSettingsInput): Promise<NotificationSettingsView>;
  preference(user: User): Promise<NotificationPreferenceView>;
  savePreference(
    user: User,
    input: NotificationPreferenceInput,
  ): Promise<NotificationPreferenceView>;
}

const view = (s: NotificationSettings): NotificationSettingsView => ({
  connectionId: s.connectionId,
  baseUrl: s.baseUrl,
  revision: s.revision,
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
});

export function createNotificationsService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
}): NotificationsService {
  const { store, clock, audit } = deps;

  /** Notifications go out only with a chosen SMTP connection that is switched on. */
  async function available(): Promise<boolean> {
    const settings = await store.notificationSettings.find();
    if (!settings?.connectionId || !settings.baseUrl) return false;
    const connection = await store.connections.find(settings.connectionId);
    return connection !== null && connection.kind === 'smtp' && !connection.disabled;
  }

  /** The chosen connection must exist and send email: a field error on `connectionId`. */
  async function checkConnection(connectionId: string): Promise<void> {
    const connection = await store.connections.find(connectionId);
    const problem = !connection
      ? 'This connection no longer exists; choose another'
      : connection.kind !== 'smtp'
        ? `${connection.name} is not an SMTP connection; choose one that sends email`
        : null;
    if (problem) {
      throw validationError(
        [{ path: ['connectionId'], message: problem }],
        `The request body is not valid: connectionId: ${problem}`,
      );
    }
  }

  return {
    async settings() {
      const settings = await store.notificationSettings.find();
      return settings
        ? view(settings)
        : { connectionId: null, baseUrl: null, revision: 0, updatedAt: null, updatedBy: null };
    },

    async saveSettings(admin, input) {
      if (input.connectionId !== null) await checkConnection(input.connectionId);
      const saved = await store.notificationSettings.put({
        id: NOTIFICATION_SETTINGS_ID,
        connectionId: input.connectionId,
        baseUrl: input.baseUrl,
        updatedAt: clock.now().toISOString(),
        updatedBy: admin.id,
        revision: input.revision,
      });
      await audit.record({
        actorId: admin.id,
        action: 'notifications.changed',
        subjectType: 'settings',
        subjectId: NOTIFICATION_SETTINGS_ID,
        details: {
          connectionId: saved.connectionId,
          baseUrl: saved.baseUrl,
          revision: saved.revision,
        },
      });
      return view(saved);
    },

    async preference(user) {
      const preference = await store.notificationPreferences.find(user.id);
      return {
        reviewEmails: preference?.reviewEmails ?? false,
        available: await available(),
        timeZone: preference?.timeZone ?? null,
      };
    },

    async savePreference(user, input) {
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
        throw validationError(
          [{ path: ['timeZone'], message: UNKNOWN_TIME_ZONE }],
          `The request body is not valid: timeZone: ${UNKNOWN_TIME_ZONE}`,
        );
      }
      const current = await store.notificationPreferences.find(user.id);
      const now = clock.now().toISOString();
      const switchedOn = input.reviewEmails && !current?.reviewEmails;
      const timeZone = input.timeZone ?? current?.timeZone;
      await store.notificationPreferences.put({
        id: user.id,
        reviewEmails: input.reviewEmails,
        enabledAt: input.reviewEmails ? (switchedOn ? now : (current?.enabledAt ?? now)) : null,
        ...(timeZone ? { timeZone } : {}),
        updatedAt: now,
        revision: current?.revision ?? 0,
      });
      return {
        reviewEmails: input.reviewEmails,
        available: await available(),
        timeZone: timeZone ?? null,
      };
    },
  };
}
