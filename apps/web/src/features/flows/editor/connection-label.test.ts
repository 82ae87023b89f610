import { describe, expect, it } from 'vitest';
import type { ConnectionDirectoryEntry } from '@tandem/schema';
import { connectionLabel } from './connection-label.js';

const items: ConnectionDirectoryEntry[] = [
  { id: 'con_cms', name: 'CMS hook', kind: 'webhook', disabled: false },
  { id: 'con_old', name: 'Old hook', kind: 'webhook', disabled: true },
  { id: 'con_mail', name: 'Agency mail', kind: 'smtp', disabled: false },
];
const ready = { status: 'ready' as const, items };

describe('connectionLabel', () => {
  it('names the chosen connection', () => {
    expect(connectionLabel('webhook', 'con_cms', ready)).toEqual({
      name: 'CMS hook',
      warning: null,
    });
  });

  it('warns when the connection is gone, of another kind or disabled', () => {
    expect(connectionLabel('webhook', 'con_deleted', ready)).toEqual({
      name: 'a missing connection',
      warning: 'Its connection no longer exists',
    });
    expect(connectionLabel('slack', 'con_mail', ready)).toEqual({
      name: 'Agency mail',
      warning: 'Agency mail is not a Slack connection',
    });
    expect(connectionLabel('smtp', 'con_cms', ready)?.warning).toBe(
      'CMS hook is not an SMTP connection',
    );
    expect(connectionLabel('webhook', 'con_old', ready)?.warning).toBe('Old hook is disabled');
  });

  it('says the kind while the list is not loaded, and nothing when none is chosen', () => {
    expect(connectionLabel('webhook', 'con_cms', { status: 'loading' })).toEqual({
      name: 'a saved webhook connection',
      warning: null,
    });
    expect(connectionLabel('webhook', '', ready)).toBeNull();
    expect(connectionLabel('webhook', undefined, ready)).toBeNull();
  });
});
