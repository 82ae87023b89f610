import { spawn } from 'node:child_process';
import { once } from 'node:events';

/*
 * The receiver runs in its own process, like a real webhook endpoint on another machine: its
 * HTTP parsing and answers must not be charged to the engine's event loop being measured.
 * Plain JavaScript run with `node -e`, so it needs no loader; it talks over the IPC channel.
 */
const SINK_SOURCE = `
const http = require('node:http');
const keys = new Set();
let received = 0;
let duplicates = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    const key = String(req.headers['idempotency-key'] || '');
    if (keys.has(key)) duplicates += 1;
    keys.add(key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'counts') {
    const cpu = process.cpuUsage();
    process.send({ received, duplicates, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
`;

export interface SinkCounts {
  received: number;
  duplicates: number;
  /** The sink process's CPU time (user + system) since it started, in ms. */
  cpuMs: number;
}

export interface Sink {
  url: string;
  /** Deliveries received, how many repeated an idempotency key already seen, CPU used so far. */
  counts(): Promise<SinkCounts>;
  close(): Promise<void>;
}

/** A local webhook receiver, in a child process, that counts deliveries and duplicate keys. */
export async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, ['-e', SINK_SOURCE], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await once(child, 'message')) as [{ port: number }];
  return {
    url: `http://127.0.0.1:${ready.port}/sink`,
    async counts() {
      const answer = once(child, 'message') as Promise<[SinkCounts]>;
      child.send('counts');
      return (await answer)[0];
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}
