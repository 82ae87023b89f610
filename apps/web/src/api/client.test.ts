import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, setToken } from './client.js';

describe('api client', () => {
  afterEach(() => {
    setToken(null);
    vi.unstubAllGlobals();
  });

  it('sends a keepalive request, signed in like any other, when asked to', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null));
    vi.stubGlobal('fetch', fetch);
    setToken('t0ken');
    await api.post('/api/tasks/t1/release', undefined, { keepalive: true });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/tasks/t1/release');
    expect(init).toMatchObject({ method: 'POST', keepalive: true });
    expect(init.headers).toMatchObject({ Authorization: 'Bearer t0ken' });

    await api.get('/api/tasks');
    expect(fetch.mock.calls[1]![1].keepalive).toBeFalsy();
  });
});
