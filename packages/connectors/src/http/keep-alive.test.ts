import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import type { Resolver } from './outbound-url.js';
import { PinnedAgents } from './pinned-agents.js';
import { createSafeHttpClient, type SafeHttpClient } from './safe-http.client.js';

/** A server that numbers its connections and the requests on each. */
async function startCountingServer(onRequest?: (perSocket: number, socket: Socket) => boolean) {
  const perSocket = new Map<Socket, number>();
  const closed: Socket[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const count = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, count);
      if (onRequest && !onRequest(count, req.socket)) return;
      res.end(`request ${count}`);
    });
  });
  server.on('connection', (socket: Socket) => {
    perSocket.set(socket, 0);
    socket.on('close', () => closed.push(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections: () => perSocket.size,
    closed: () => closed.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type CountingServer = Awaited<ReturnType<typeof startCountingServer>>;

describe('safe HTTP client: kept-alive connections', () => {
  let server: CountingServer | null = null;
  let client: SafeHttpClient | null = null;
  afterEach(async () => {
    client?.close();
    await server?.close();
    server = null;
    client = null;
  });

  it('reuses one connection for requests to the same checked destination, until close()', async () => {
    server = await startCountingServer();
    client = createSafeHttpClient({ allowPrivateNetwork: true });
    for (let i = 0; i < 5; i += 1) {
      const res = await client.request({
        method: 'POST',
        url: `http://127.0.0.1:${server.port}/hook`,
        body: `{"i":${i}}`,
      });
      expect(res.text()).toBe(`request ${i + 1}`);
    }
    expect(server.connections()).toBe(1);
    client.close();
    await expect.poll(() => server!.closed()).toBe(1);
  });

  it('opens a connection per request when keepAlive is off', async () => {
    server = await startCountingServer();
    client = createSafeHttpClient({ allowPrivateNetwork: true, keepAlive: false });
    for (let i = 0; i < 3; i += 1) {
      await client.request({ method: 'GET', url: `http://127.0.0.1:${server.port}/` });
    }
    expect(server.connections()).toBe(3);
  });

  it('never sends over a kept connection once DNS answers with a refused address', async () => {
    server = await startCountingServer();
    let calls = 0;
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    client = createSafeHttpClient({
      resolve: rebinding,
      isAllowedAddress: (address) => address === '127.0.0.1',
    });
    const url = `http://hooks.example.test:${server.port}/hook`;
    expect((await client.request({ method: 'GET', url })).status).toBe(200);
    const error = await client.request({ method: 'GET', url }).catch((e: unknown) => e);
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
    expect(server.connections()).toBe(1);
  });

  /** A server that closes each connection when its second request arrives, unanswered. */
  const dropsSecondRequest = (count: number, socket: Socket) => {
    if (count < 2) return true;
    socket.destroy();
    return false;
  };

  it('sends a GET again, on a new connection, when the server dropped the kept one', async () => {
    server = await startCountingServer(dropsSecondRequest);
    client = createSafeHttpClient({ allowPrivateNetwork: true });
    const url = `http://127.0.0.1:${server.port}/page`;
    expect((await client.request({ method: 'GET', url })).text()).toBe('request 1');
    expect((await client.request({ method: 'GET', url })).text()).toBe('request 1');
    expect(server.connections()).toBe(2);
  });

  it('does not send a POST twice: a dropped kept connection is a retryable failure', async () => {
    // The server read the second POST before dropping the connection: sending it again here
    // would deliver it twice. The engine's retry, with its idempotency key, decides instead.
    server = await startCountingServer(dropsSecondRequest);
    client = createSafeHttpClient({ allowPrivateNetwork: true });
    const url = `http://127.0.0.1:${server.port}/hook`;
    await client.request({ method: 'POST', url, body: 'a' });
    const error = await client.request({ method: 'POST', url, body: 'b' }).catch((e) => e);
    expect(isAppError(error, 'PUBLISH_FAILED')).toBe(true);
    expect(error.retryable).toBe(true);
    expect(server.connections()).toBe(1);
  });
});

describe('pinned agents', () => {
  it('lets a request on a retired agent finish, then closes its connection', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const server = await startCountingServer((_count, socket) => {
      void slow.then(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nslow'));
      return false;
    });
    const agents = new PinnedAgents(1);
    const address = [{ address: '127.0.0.1', family: 4 as const }];
    const url = new URL(`http://127.0.0.1:${server.port}/slow`);
    const answer = new Promise<string>((resolve, reject) => {
      const req = http.request(url, { agent: agents.get(url, address) }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
    await expect.poll(() => server.connections()).toBe(1);
    // A second destination retires the first agent while its request is in flight.
    agents.get(new URL('http://127.0.0.2:1/'), [{ address: '127.0.0.2', family: 4 }]);
    release();
    expect(await answer).toBe('slow');
    await expect.poll(() => server.closed()).toBe(1);
    agents.destroy();
    await server.close();
  });
});
