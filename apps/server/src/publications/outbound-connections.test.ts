import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

async function until(probe: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('outbound connections', () => {
  it('closing the server closes its kept-alive connections to publish targets', async () => {
    const open = new Set<Socket>();
    let delivered = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        delivered += 1;
        res.writeHead(200).end();
      });
    });
    // The receiver keeps connections for a minute: only the client can close them soon.
    receiver.keepAliveTimeout = 60_000;
    receiver.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
    const server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
    try {
      const t = await server.tokens();
      const flow = await server.request('POST', '/api/flows', {
        token: t.designer,
        body: reviewFlow(url, { defaultLevel: 'auto' }),
      });
      expect(
        (await server.request('POST', `/api/flows/${flow.body.id}/publish`, { token: t.designer }))
          .status,
      ).toBe(201);
      const run = await server.request('POST', `/api/flows/${flow.body.id}/runs`, {
        token: t.designer,
        body: { input: { topic: 'Kept alive' } },
      });
      expect(run.status).toBe(201);
      expect(await until(() => delivered === 1, 10_000)).toBe(true);
      expect(open.size).toBe(1);
    } finally {
      await server.close();
    }
    try {
      // Well before the client's own idle timeout (4 s).
      expect(await until(() => open.size === 0, 1_500)).toBe(true);
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  });
});
