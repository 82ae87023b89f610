import { describe, expect, it } from 'vitest';
import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import { connectionChoices, peopleChoices, peopleWarning } from './picker-options.js';

const connections: ConnectionDirectoryEntry[] = [
  { id: 'con_cms', name: 'CMS hook', kind: 'webhook', disabled: false },
  { id: 'con_old', name: 'Old hook', kind: 'webhook', disabled: true },
  { id: 'con_mail', name: 'Agency mail', kind: 'smtp', disabled: false },
];

const people: UserDirectoryEntry[] = [
  { id: 'usr_ada', name: 'Ada Admin', roles: ['admin'], disabled: false },
  { id: 'usr_rae', name: 'Rae Reviewer', roles: ['reviewer'], disabled: false },
  { id: 'usr_rae2', name: 'Rae Reviewer', roles: ['reviewer', 'manager'], disabled: false },
  { id: 'usr_gone', name: 'Gus Gone', roles: ['reviewer'], disabled: true },
];

describe('connectionChoices', () => {
  it('offers the saved connections of the step’s kind by name', () => {
    const { options, stray, warning } = connectionChoices(connections, 'webhook', '');
    expect(options).toEqual([
      { value: 'con_cms', label: 'CMS hook' },
      { value: 'con_old', label: 'Old hook (disabled)' },
    ]);
    expect(stray).toBeNull();
    expect(warning).toBeNull();
    expect(connectionChoices(connections, 'slack', '').options).toEqual([]);
  });

  it('keeps a stored id that no longer exists on offer as Unknown, with a warning', () => {
    const { options, stray, warning } = connectionChoices(connections, 'webhook', 'con_deleted');
    expect(options).toHaveLength(2);
    expect(stray).toEqual({ value: 'con_deleted', label: 'Unknown (con_deleted)' });
    expect(warning).toMatch(/con_deleted no longer exists/);
  });

  it('warns about a connection of the wrong kind and a disabled one', () => {
    const wrong = connectionChoices(connections, 'smtp', 'con_cms');
    expect(wrong.stray).toEqual({ value: 'con_cms', label: 'CMS hook (webhook)' });
    expect(wrong.warning).toBe(
      'CMS hook is a webhook connection; this step needs an SMTP connection.',
    );
    const disabled = connectionChoices(connections, 'webhook', 'con_old');
    expect(disabled.stray).toBeNull();
    expect(disabled.warning).toMatch(/Old hook is disabled/);
    expect(connectionChoices(connections, 'webhook', 'con_cms').warning).toBeNull();
  });
});

describe('peopleChoices', () => {
  it('lists everyone who can sign in by name, telling apart people with the same name', () => {
    expect(peopleChoices(people, []).map((o) => [o.id, o.label, o.roles])).toEqual([
      ['usr_ada', 'Ada Admin', ['admin']],
      ['usr_rae', 'Rae Reviewer (usr_rae)', ['reviewer']],
      ['usr_rae2', 'Rae Reviewer (usr_rae2)', ['reviewer', 'manager']],
    ]);
  });

  it('keeps chosen people who are disabled or deleted, marked, and warns about them', () => {
    const selected = ['usr_ada', 'usr_gone', 'usr_deleted'];
    const options = peopleChoices(people, selected);
    expect(options.find((o) => o.id === 'usr_gone')).toMatchObject({ disabled: true });
    expect(options.at(-1)).toEqual({
      id: 'usr_deleted',
      label: 'Unknown person (usr_deleted)',
      roles: [],
      unknown: true,
      disabled: false,
    });
    expect(peopleWarning(options, selected)).toBe(
      'One person chosen here no longer exists. Gus Gone is disabled and cannot sign in to decide. Untick them to remove them.',
    );
    expect(peopleWarning(peopleChoices(people, ['usr_ada']), ['usr_ada'])).toBeNull();
  });

  it('keeps people listed who were chosen when the picker opened, so an untick can be undone', () => {
    const options = peopleChoices(people, [], ['usr_deleted', 'usr_gone']);
    expect(options.find((o) => o.id === 'usr_deleted')).toMatchObject({
      label: 'Unknown person (usr_deleted)',
      unknown: true,
    });
    expect(options.find((o) => o.id === 'usr_gone')).toMatchObject({ disabled: true });
    // Listed but not chosen: nothing to warn about.
    expect(peopleWarning(options, [])).toBeNull();
  });
});
