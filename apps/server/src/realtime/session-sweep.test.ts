import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ overrides: { sessionCheckMs: 200 } });
});
afterAll(() => server.close());

describe('socket session sweep', () => {
  it('drops the sockets of a session revoked behind their back, and only those', async () => {
    const revokedToken = await server.login('reviewer@example.com');
    const keptToken = await server.login('manager@example.com');
    const sockets = [
      server.socket({ token: revokedToken }),
      server.socket({ token: revokedToken }),
      server.socket({ token: keptToken }),
    ];
    await Promise.all(sockets.map((s) => nextEvent(s, 'connect')));

    // Revoked in the store directly, as another server process would: no logout hook runs here.
    const sessionId = createHash('sha256').update(revokedToken).digest('hex');
    await server.app.store.sessions.revoke(sessionId, new Date().toISOString());

    await Promise.all(sockets.slice(0, 2).map((s) => nextEvent(s, 'disconnect', 5_000)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sockets.map((s) => s.connected)).toEqual([false, false, true]);
    sockets.forEach((s) => s.disconnect());
  });
});
