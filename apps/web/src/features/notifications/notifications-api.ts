import type {
  NotificationPreferenceView,
  NotificationSettingsInput,
  NotificationSettingsView,
} from '@tandem/schema';
import { api } from '../../api/client.js';

export const getPreference = (): Promise<NotificationPreferenceView> =>
  api.get<NotificationPreferenceView>('/api/notifications/preference');

/** This browser's IANA time zone, if it says: the emails give due times in it. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** Saves the choice with this browser's time zone, so the emails' due times read as local. */
export const savePreference = (reviewEmails: boolean): Promise<NotificationPreferenceView> => {
  const timeZone = browserTimeZone();
  return api.put<NotificationPreferenceView>('/api/notifications/preference', {
    reviewEmails,
    ...(timeZone ? { timeZone } : {}),
  });
};

export const getNotificationSettings = (): Promise<NotificationSettingsView> =>
  api.get<NotificationSettingsView>('/api/notifications/settings');

export const saveNotificationSettings = (
  input: NotificationSettingsInput,
): Promise<NotificationSettingsView> =>
  api.put<NotificationSettingsView>('/api/notifications/settings', input);
