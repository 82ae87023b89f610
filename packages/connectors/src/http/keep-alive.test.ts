import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import type { Resolver } from './outbound-url.js';
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

  it('sends again, on a new connection, when the server dropped the kept one', async () => {
    // The server closes each connection when its second request arrives, without answering:
    // what a server that timed the idle connection out at that moment looks like.
    server = await startCountingServer((count, socket) => {
      if (count < 2) return true;
      socket.destroy();
      return false;
    });
    client = createSafeHttpClient({ allowPrivateNetwork: true });
    const url = `http://127.0.0.1:${server.port}/hook`;
    expect((await client.request({ method: 'POST', url, body: 'a' })).text()).toBe('request 1');
    expect((await client.request({ method: 'POST', url, body: 'b' })).text()).toBe('request 1');
    expect(server.connections()).toBe(2);
  });
});
