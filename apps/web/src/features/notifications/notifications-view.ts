import {
  NotificationSettingsInputSchema,
  type NotificationPreferenceView,
  type NotificationSettingsInput,
  type NotificationSettingsView,
} from '@tandem/schema';

/** A saved connection as the picker needs it (the connections list, secrets masked). */
export interface ConnectionChoice {
  id: string;
  kind: string;
  name: string;
  disabled: boolean;
}

/** What the admin edits: a connection id ('' for none) and the address, as typed. */
export interface NotificationSettingsForm {
  connectionId: string;
  baseUrl: string;
}

export const NOT_SET_UP = 'An admin has not set up email notifications yet';

export function toSettingsForm(view: NotificationSettingsView): NotificationSettingsForm {
  return { connectionId: view.connectionId ?? '', baseUrl: view.baseUrl ?? '' };
}

/** Only SMTP connections send email; switched-off ones are named as such, not hidden. */
export function smtpChoices(
  connections: readonly ConnectionChoice[],
): { id: string; label: string }[] {
  return connections
    .filter((c) => c.kind === 'smtp')
    .map((c) => ({ id: c.id, label: c.disabled ? `${c.name} (switched off)` : c.name }));
}

/**
 * The body to send, or the problems by field: checked here with the server's own schema, so
 * the admin sees the same words before a round trip. An empty address with no connection is
 * "off"; an address is still checked when typed.
 */
export function settingsInput(
  form: NotificationSettingsForm,
  revision: number,
): { ok: true; input: NotificationSettingsInput } | { ok: false; errors: Record<string, string> } {
  const baseUrl = form.baseUrl.trim();
  const parsed = NotificationSettingsInputSchema.safeParse({
    revision,
    connectionId: form.connectionId || null,
    baseUrl: baseUrl || null,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
  return { ok: false, errors };
}

/** What the preference panel shows for the user's choice. */
export function preferenceState(view: NotificationPreferenceView): {
  checked: boolean;
  /** The switch cannot be turned on, only off, while an admin has not set up sending. */
  canTurnOn: boolean;
  note: string | null;
} {
  if (view.available) return { checked: view.reviewEmails, canTurnOn: true, note: null };
  return {
    checked: view.reviewEmails,
    canTurnOn: false,
    note: view.reviewEmails
      ? `${NOT_SET_UP}. Your choice is kept: emails start once it is.`
      : NOT_SET_UP,
  };
}

/**
 * Which zone the emails' due times are in, for someone who gets them: this browser's once it
 * was saved with the choice; otherwise the zone saved (another browser's, or UTC from before
 * zones were saved), with an offer to use this browser's.
 */
export function dueTimesNote(
  view: NotificationPreferenceView,
  browserZone: string | undefined,
): { text: string; offer: string | null } | null {
  if (!view.reviewEmails) return null;
  const saved = view.timeZone ?? 'UTC';
  const zone = saved === 'UTC' ? 'UTC' : `${saved} time`;
  if (browserZone && saved === browserZone) {
    return {
      text: `Due times in these emails are in ${zone}, this browser’s time zone.`,
      offer: null,
    };
  }
  return {
    text: `Due times in these emails are in ${zone}.`,
    offer: browserZone && browserZone !== saved ? browserZone : null,
  };
}
