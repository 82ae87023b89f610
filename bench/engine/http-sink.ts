import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local webhook receiver that counts deliveries and duplicate idempotency keys. */
export async function startSink(): Promise<{
  url: string;
  received: () => number;
  duplicates: () => number;
  close: () => Promise<void>;
}> {
  const keys = new Set<string>();
  let received = 0;
  let duplicates = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      const key = String(req.headers['idempotency-key'] ?? '');
      if (keys.has(key)) duplicates += 1;
      keys.add(key);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sink`,
    received: () => received,
    duplicates: () => duplicates,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
