import { afterEach, describe, expect, it } from 'vitest';
import { setToken } from '../../../api/client.js';
import { useDirectoryStore } from './use-directory.js';

afterEach(() => setToken(null));

describe('the editor directory', () => {
  it('forgets the lists when the session changes, so the next user does not see the last one’s', () => {
    setToken('designer-session');
    useDirectoryStore.setState({
      connections: {
        status: 'ready',
        items: [{ id: 'conn_1', name: 'CMS hook', kind: 'webhook', disabled: false }],
      },
    });
    setToken('designer-session');
    expect(useDirectoryStore.getState().connections.status).toBe('ready');

    setToken('manager-session');
    expect(useDirectoryStore.getState().connections).toEqual({ status: 'loading' });
    expect(useDirectoryStore.getState().people).toEqual({ status: 'loading' });
  });
});
