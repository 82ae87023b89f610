import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, onUnauthenticated, setToken } from './client.js';

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

  it('sends PATCH like the other verbs, so a lapsed session on it signs the user out too', async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sign in' } }), {
          status: 401,
        }),
    );
    vi.stubGlobal('fetch', fetch);
    const signedOut = vi.fn();
    const off = onUnauthenticated(signedOut);
    setToken('t0ken');
    await expect(api.patch('/api/users/u1', { name: 'Dana', revision: 3 })).rejects.toMatchObject({
      status: 401,
    });
    off();
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/users/u1');
    expect(init).toMatchObject({ method: 'PATCH', body: '{"name":"Dana","revision":3}' });
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer t0ken',
      'Content-Type': 'application/json',
    });
    expect(signedOut).toHaveBeenCalledTimes(1);
  });
});
