import type {
  NotificationPreferenceView,
  NotificationSettingsInput,
  NotificationSettingsView,
} from '@tandem/schema';
import { api } from '../../api/client.js';

export const getPreference = (): Promise<NotificationPreferenceView> =>
  api.get<NotificationPreferenceView>('/api/notifications/preference');

export const savePreference = (reviewEmails: boolean): Promise<NotificationPreferenceView> =>
  api.put<NotificationPreferenceView>('/api/notifications/preference', { reviewEmails });

export const getNotificationSettings = (): Promise<NotificationSettingsView> =>
  api.get<NotificationSettingsView>('/api/notifications/settings');

export const saveNotificationSettings = (
  input: NotificationSettingsInput,
): Promise<NotificationSettingsView> =>
  api.put<NotificationSettingsView>('/api/notifications/settings', input);
