import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

/*
 * The long-polling transport over raw HTTP, as a browser falls back to it (the web client allows
 * it) or as anyone can call it without signing in. Express must never answer a socket.io
 * request: a waiting poll it answered with 404 threw on engine.io's later write, and an
 * uncaught throw ends the server process.
 */

let server: TestServer;
const uncaught: unknown[] = [];
const recordUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', recordUncaught);
  server = await startTestServer();
});
afterAll(async () => {
  process.off('uncaughtException', recordUncaught);
  await server.close();
});

const polling = (sid?: string) =>
  `${server.url}/socket.io/?EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}`;

describe('socket.io long-polling', () => {
  it('leaves a waiting poll to socket.io, which answers it, and nothing throws', async () => {
    const open = await fetch(polling());
    expect(open.status).toBe(200);
    const sid = /"sid":"([^"]+)"/.exec(await open.text())?.[1];
    expect(sid).toBeDefined();

    // Nothing is queued for this session yet, so the poll waits.
    const waiting = fetch(polling(sid)).then(async (res) => ({
      status: res.status,
      body: await res.text(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Connecting without a token: the refusal is written to the waiting poll.
    const connect = await fetch(polling(sid), {
      method: 'POST',
      body: '40',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(connect.status).toBe(200);

    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('UNAUTHENTICATED');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
  });
});
