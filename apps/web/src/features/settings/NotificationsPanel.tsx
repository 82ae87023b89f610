import { useEffect, useId, useState } from 'react';
import type { NotificationSettingsView } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { Button, Field, Spinner, useToast } from '../../ui/index.js';
import {
  getNotificationSettings,
  saveNotificationSettings,
} from '../notifications/notifications-api.js';
import {
  settingsInput,
  smtpChoices,
  toSettingsForm,
  type NotificationSettingsForm,
} from '../notifications/notifications-view.js';
import { listConnections } from './settings-api.js';
import { issuesByField } from './settings-view.js';
import { useFocusFirstInvalid } from './use-focus-first-invalid.js';

const TOAST_GROUP = 'notification-settings';
const CONFLICT =
  'Another admin changed these settings while you were editing. Your choice is still here: Save again to replace theirs.';

/** Which SMTP connection emails reviewers, and the address the emails' links open. */
export function NotificationsPanel() {
  const [settings, setSettings] = useState<NotificationSettingsView | null>(null);
  const [choices, setChoices] = useState<{ id: string; label: string }[]>([]);
  const [form, setForm] = useState<NotificationSettingsForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const { container, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const id = useId();
  useEffect(() => {
    Promise.all([getNotificationSettings(), listConnections()]).then(
      ([loaded, connections]) => {
        setSettings(loaded);
        setForm(toSettingsForm(loaded));
        setChoices(smtpChoices(connections));
      },
      (e: Error) => toast.show(e.message, 'error', TOAST_GROUP),
    );
  }, [toast]);
  if (!form || !settings) return <Spinner label="Loading the notification settings" />;

  const save = async () => {
    const checked = settingsInput(form, settings.revision);
    setConflict(false);
    if (!checked.ok) {
      setErrors(checked.errors);
      refused();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const saved = await saveNotificationSettings(checked.input);
      setSettings(saved);
      setForm(toSettingsForm(saved));
      toast.show(
        saved.connectionId
          ? 'Saved: reviewers who asked for it get review emails'
          : 'Saved: email notifications are off',
        'success',
        TOAST_GROUP,
      );
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) {
        const latest = await getNotificationSettings().catch(() => null);
        if (latest) setSettings(latest);
        setConflict(true);
        refused();
      } else if (isApiError(e, 'VALIDATION_FAILED') && e.issues.length > 0) {
        setErrors(issuesByField(e.issues));
        refused();
        toast.show('Not saved: check the marked fields', 'error', TOAST_GROUP);
      } else toast.show((e as Error).message, 'error', TOAST_GROUP);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={container}
      noValidate
      className="card notification-settings"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${id}-h`}>Email notifications</h2>
      <p className="field-help">
        Reviewers who ask for it get an email when new tasks wait for them, at most one every few
        minutes. Without a connection here, nobody gets one.
      </p>
      <Field
        label="Send with"
        htmlFor={`${id}-connection`}
        error={errors.connectionId}
        help={
          choices.length === 0
            ? 'No SMTP connection yet: add one under Connections first.'
            : 'An SMTP connection from Connections.'
        }
      >
        <select
          id={`${id}-connection`}
          value={form.connectionId}
          onChange={(e) => setForm({ ...form, connectionId: e.target.value })}
        >
          <option value="">Nobody gets emails (off)</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Tandem's address"
        htmlFor={`${id}-base-url`}
        error={errors.baseUrl}
        required={form.connectionId !== ''}
        help="Where people open Tandem, like https://tandem.example.com. Each email links to the task's page there."
      >
        <input
          id={`${id}-base-url`}
          type="url"
          inputMode="url"
          value={form.baseUrl}
          placeholder="https://tandem.example.com"
          onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
        />
      </Field>
      {conflict && (
        <p className="notice notice-danger" role="alert">
          {CONFLICT}
        </p>
      )}
      <div>
        <Button type="submit" variant="primary" busy={busy}>
          Save notification settings
        </Button>
      </div>
    </form>
  );
}
