import { useEffect, useId, useState } from 'react';
import type { NotificationPreferenceView } from '@tandem/schema';
import { Button, Spinner, useToast } from '../../ui/index.js';
import { browserTimeZone, getPreference, savePreference } from './notifications-api.js';
import { dueTimesNote, preferenceState } from './notifications-view.js';
import './notifications.css';

const TOAST_GROUP = 'review-emails';

/**
 * "Email me when a review waits for me": Off or On, saved as soon as it is chosen. Two radio
 * buttons rather than a switch: arrow keys move between them, and each says what it means.
 */
export function ReviewEmailPreference() {
  const [view, setView] = useState<NotificationPreferenceView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const id = useId();
  useEffect(() => {
    getPreference().then(setView, (e: Error) => setLoadError(e.message));
  }, []);
  if (loadError) {
    return (
      <p className="notice notice-danger" role="alert">
        Your email choice could not be loaded: {loadError}
      </p>
    );
  }
  if (!view) return <Spinner label="Loading your email choice" />;
  const state = preferenceState(view);
  const browserZone = browserTimeZone();
  const dueTimes = dueTimesNote(view, browserZone);

  /** Saves the choice, with this browser's time zone; `zoneOnly` when only the zone changes. */
  const save = async (reviewEmails: boolean, zoneOnly = false) => {
    // Not a disabled fieldset while saving: that would take the keyboard off the choice.
    if (busy || (!zoneOnly && reviewEmails === view.reviewEmails)) return;
    setBusy(true);
    try {
      const saved = await savePreference(reviewEmails);
      setView(saved);
      toast.show(
        zoneOnly
          ? `Saved: due times in your emails are in ${saved.timeZone ?? 'UTC'} time`
          : reviewEmails
            ? 'Saved: you get an email when a review waits for you'
            : 'Saved: no more review emails',
        'success',
        TOAST_GROUP,
      );
    } catch (e) {
      toast.show(`Not saved: ${(e as Error).message}`, 'error', TOAST_GROUP);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="card review-emails" aria-describedby={`${id}-help`} aria-busy={busy}>
      <legend>
        <h2>Email me when a review waits for me</h2>
      </legend>
      <p className="field-help" id={`${id}-help`}>
        At most one email every few minutes, listing the new tasks you may decide, each with a link
        to it in your inbox. You decide in Tandem, never from the email.
      </p>
      {state.note && (
        <p className="notice notice-info" role="note" data-testid="review-emails-unavailable">
          {state.note}
        </p>
      )}
      <label className="review-email-choice">
        <input
          type="radio"
          name={`${id}-review-emails`}
          checked={!state.checked}
          onChange={() => void save(false)}
        />
        Off
      </label>
      <label className="review-email-choice">
        <input
          type="radio"
          name={`${id}-review-emails`}
          checked={state.checked}
          disabled={!state.canTurnOn && !state.checked}
          onChange={() => void save(true)}
        />
        On
      </label>
      {dueTimes && (
        <p className="field-help review-email-zone" data-testid="review-email-zone">
          {dueTimes.text}{' '}
          {dueTimes.offer && (
            <Button size="sm" variant="ghost" onClick={() => void save(true, true)}>
              Use {dueTimes.offer}
            </Button>
          )}
        </p>
      )}
    </fieldset>
  );
}
