import { describe, expect, it } from 'vitest';
import {
  NOT_SET_UP,
  dueTimesNote,
  preferenceState,
  settingsInput,
  smtpChoices,
  toSettingsForm,
} from './notifications-view.js';

describe('the review-email preference', () => {
  it('can be switched on once an admin set up sending', () => {
    expect(preferenceState({ reviewEmails: false, available: true, timeZone: null })).toEqual({
      checked: false,
      canTurnOn: true,
      note: null,
    });
  });

  it('says an admin has not set up notifications, and cannot be turned on then', () => {
    expect(preferenceState({ reviewEmails: false, available: false, timeZone: null })).toEqual({
      checked: false,
      canTurnOn: false,
      note: NOT_SET_UP,
    });
    expect(NOT_SET_UP).toBe('An admin has not set up email notifications yet');
  });

  it('keeps a choice made before sending was switched off, and says so', () => {
    const state = preferenceState({ reviewEmails: true, available: false, timeZone: null });
    expect(state.checked).toBe(true);
    expect(state.note).toMatch(
      /^An admin has not set up email notifications yet\. Your choice is kept/,
    );
  });
});

describe('the due times in review emails', () => {
  const on = { reviewEmails: true, available: true };

  it('says they are in this browser’s zone once it was saved', () => {
    expect(dueTimesNote({ ...on, timeZone: 'Europe/Paris' }, 'Europe/Paris')).toEqual({
      text: 'Due times in these emails are in Europe/Paris time, this browser’s time zone.',
      offer: null,
    });
  });

  it('names another saved zone, or UTC, and offers this browser’s', () => {
    expect(dueTimesNote({ ...on, timeZone: 'Asia/Tokyo' }, 'Europe/Paris')).toEqual({
      text: 'Due times in these emails are in Asia/Tokyo time.',
      offer: 'Europe/Paris',
    });
    expect(dueTimesNote({ ...on, timeZone: null }, 'Europe/Paris')).toEqual({
      text: 'Due times in these emails are in UTC.',
      offer: 'Europe/Paris',
    });
    expect(dueTimesNote({ ...on, timeZone: null }, undefined)?.offer).toBeNull();
  });

  it('says nothing to someone who gets no emails', () => {
    expect(dueTimesNote({ ...on, reviewEmails: false, timeZone: 'UTC' }, 'UTC')).toBeNull();
  });
});

describe('the admin notification settings', () => {
  it('offers only SMTP connections, naming switched-off ones', () => {
    expect(
      smtpChoices([
        { id: 'c1', kind: 'webhook', name: 'CMS', disabled: false },
        { id: 'c2', kind: 'smtp', name: 'Team mail', disabled: false },
        { id: 'c3', kind: 'smtp', name: 'Old mail', disabled: true },
      ]),
    ).toEqual([
      { id: 'c2', label: 'Team mail' },
      { id: 'c3', label: 'Old mail (switched off)' },
    ]);
  });

  it('reads the saved settings into the form, empty when off', () => {
    const off = {
      connectionId: null,
      baseUrl: null,
      revision: 0,
      updatedAt: null,
      updatedBy: null,
    };
    expect(toSettingsForm(off)).toEqual({ connectionId: '', baseUrl: '' });
  });

  it('sends a connection with the address, trimmed, without a trailing slash', () => {
    expect(
      settingsInput({ connectionId: 'c2', baseUrl: ' https://tandem.example.com/ ' }, 3),
    ).toEqual({
      ok: true,
      input: { revision: 3, connectionId: 'c2', baseUrl: 'https://tandem.example.com' },
    });
  });

  it('sends no connection as off, with or without an address', () => {
    expect(settingsInput({ connectionId: '', baseUrl: '' }, 0)).toEqual({
      ok: true,
      input: { revision: 0, connectionId: null, baseUrl: null },
    });
  });

  it('marks the address when a connection has none, or when it is not http(s)', () => {
    expect(settingsInput({ connectionId: 'c2', baseUrl: '' }, 0)).toEqual({
      ok: false,
      errors: {
        baseUrl: 'Enter the address people open Tandem at, so the email can link to the task',
      },
    });
    expect(settingsInput({ connectionId: 'c2', baseUrl: 'javascript:alert(1)' }, 0)).toEqual({
      ok: false,
      errors: { baseUrl: 'Use an http:// or https:// address' },
    });
    expect(settingsInput({ connectionId: '', baseUrl: 'tandem.example.com' }, 0)).toEqual({
      ok: false,
      errors: { baseUrl: 'Enter a full address, like https://tandem.example.com' },
    });
  });
});
