import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { FlowInput } from '@tandem/schema';
import { reviewFlow } from '../testing/fixtures.js';
import { startServerProcess } from '../testing/server-process.js';
import type { ServerProcess } from '../testing/server-process.js';
import { redisAvailable, startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';
import { startWorkerProcess } from './worker-process.js';
import type { WorkerProcess } from './worker-process.js';

/*
 * Issue 9: two server processes (HTTP + sockets, no step execution) and two worker processes
 * (steps only) sharing one Redis and one SQLite file, all started from the real entry point.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const available = redisAvailable();
const RUNS = 200;

interface Delivery {
  key: string;
  remotePort: number;
}

/** A receiver on 127.0.0.1 that records the idempotency key and the sender's port. */
async function startSink() {
  const deliveries: Delivery[] = [];
  const state = { delayMs: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      deliveries.push({
        key: String(req.headers['idempotency-key'] ?? ''),
        remotePort: req.socket.remotePort ?? 0,
      });
      setTimeout(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        state.delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/publish`,
    deliveries,
    state,
    count: (key: string) => deliveries.filter((d) => d.key === key).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The process owning the TCP connection whose local port is `port` (Linux /proc). */
function ownerOf(port: number, pids: number[]): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`)) inodes.add(cols[9]!);
    }
  }
  return pids.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return inodes.has(link.replace(/^socket:\[(\d+)\]$/, '$1'));
      });
    } catch {
      return false;
    }
  });
}

function autoFlow(url: string): FlowInput {
  return {
    name: 'Auto publish',
    graph: {
      nodes: [
        {
          id: 'start',
          type: 'trigger.manual',
          position: { x: 0, y: 0 },
          config: {
            fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] }],
          },
        },
        {
          id: 'draft',
          type: 'ai.generate',
          position: { x: 280, y: 0 },
          config: { prompt: 'Write a short post about {{ input.topic }}.' },
        },
        { id: 'publish', type: 'publish.webhook', position: { x: 560, y: 0 }, config: { url } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'publish' },
      ],
    },
  };
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const logs = [...servers, ...workers].map((p) => p.output().slice(-2_000)).join('\n---\n');
      throw new Error(`timed out waiting for ${what}\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

let redis: RedisServer | undefined;
let sink: Awaited<ReturnType<typeof startSink>>;
let dataDir: string;
const servers: ServerProcess[] = [];
const workers: WorkerProcess[] = [];
const sockets: Socket[] = [];

async function call(
  server: ServerProcess,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Loose };
}

async function login(server: ServerProcess, email: string): Promise<string> {
  const res = await call(server, 'POST', '/api/auth/login', undefined, {
    email,
    password: 'tandem',
  });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

async function deploy(server: ServerProcess, token: string, flow: FlowInput): Promise<string> {
  const created = await call(server, 'POST', '/api/flows', token, flow);
  expect(created.status).toBe(201);
  expect((await call(server, 'POST', `/api/flows/${created.body.id}/publish`, token)).status).toBe(
    201,
  );
  return created.body.id as string;
}

function socketTo(server: ServerProcess, token: string): Socket {
  const socket = connectSocket(server.url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  if (!available) return;
  redis = await startRedisServer();
  sink = await startSink();
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-scale-'));
  // With MONGODB_URI set the same processes share a fresh MongoDB database instead of the file.
  const mongo = process.env.MONGODB_URI?.replace(
    /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*/,
    `$1/tandem-scale-${Date.now()}`,
  );
  const env = {
    ...(mongo ? { MONGODB_URI: mongo } : {}),
    PORT: '0',
    TANDEM_DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
    TANDEM_LOG_LEVEL: 'warn',
    // Short enough for the kill test to recover soon, long enough that a busy (not dead)
    // worker on a loaded machine keeps its jobs.
    TANDEM_QUEUE_LOCK_MS: '30000',
    NODE_ENV: 'test',
  };
  // The first server seeds the empty store and writes the secret key; the rest share them.
  servers.push(await startServerProcess({ ...env, TANDEM_ROLE: 'server' }, 120_000));
  const [b, w1, w2] = await Promise.all([
    startServerProcess({ ...env, TANDEM_ROLE: 'server' }, 120_000),
    startWorkerProcess(env, 120_000),
    startWorkerProcess(env, 120_000),
  ]);
  servers.push(b);
  workers.push(w1, w2);
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all([...servers, ...workers].map((p) => p.kill('SIGKILL')));
  await redis?.stop();
  await sink?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!available)(
  'scale-out: 2 servers and 2 workers on one Redis and one SQLite file',
  () => {
    let escalation: { taskId: string; escalatedEvents: unknown[] } | undefined;

    it('pushes task.created to a reviewer on server A for a run started through server B', async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const designer = await login(b, 'designer@example.com');
      const health = await call(a, 'GET', '/api/health', designer);
      expect(health.body).toMatchObject({
        ok: true,
        queue: 'redis',
        queueOk: true,
        adapter: 'redis',
      });
      const reviewer = await login(a, 'reviewer@example.com');
      const manager = await login(b, 'manager@example.com');
      const flowId = await deploy(
        b,
        designer,
        reviewFlow(sink.url, { dueInMinutes: 1, onDue: 'escalate', escalateTo: 'manager' }),
      );
      const reviewerSocket = socketTo(a, reviewer);
      const managerSocket = socketTo(b, manager);
      await Promise.all(
        [reviewerSocket, managerSocket].map(
          (s) => new Promise<void>((resolve) => s.once('connect', () => resolve())),
        ),
      );
      const escalatedEvents: unknown[] = [];
      managerSocket.on('task.updated', (event: Loose) => {
        if (event.change === 'escalated') escalatedEvents.push(event);
      });
      const created = new Promise<Loose>((resolve) => reviewerSocket.once('task.created', resolve));
      const run = await call(b, 'POST', `/api/flows/${flowId}/runs`, designer, {
        input: { topic: 'Scale' },
      });
      expect(run.status).toBe(201);
      const event = await Promise.race([
        created,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no task.created')), 60_000)),
      ]);
      expect(event.task.runId).toBe(run.body.id);
      // The due time (one minute) is checked by the last test, after the others ran.
      escalation = { taskId: event.task.id, escalatedEvents };
    }, 90_000);

    it(`completes ${RUNS} runs started through both servers, each published exactly once`, async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const designer = await login(a, 'designer@example.com');
      const flowId = await deploy(a, designer, autoFlow(sink.url));
      const runIds: string[] = [];
      await pool(
        Array.from({ length: RUNS }, (_, i) => i),
        10,
        async (i) => {
          const res = await call(i % 2 ? b : a, 'POST', `/api/flows/${flowId}/runs`, designer, {
            input: { topic: `Topic ${i}` },
          });
          expect(res.status).toBe(201);
          runIds.push(res.body.id);
        },
      );
      await until(
        async () => {
          const res = await call(
            b,
            'GET',
            `/api/runs?flowId=${flowId}&status=succeeded&limit=500`,
            designer,
          );
          return res.body.items.length === RUNS ? true : undefined;
        },
        150_000,
        `${RUNS} runs to succeed`,
      );
      const repeated = runIds.filter((id) => sink.count(`${id}:publish`) !== 1);
      const logs = workers.map((w) => w.output().slice(-3_000)).join('\n---\n');
      expect(repeated, logs).toEqual([]);
    }, 200_000);

    it('finishes the step of a worker killed with SIGKILL mid-publish on the other worker, once', async () => {
      const [a] = servers as [ServerProcess];
      const designer = await login(a, 'designer@example.com');
      const admin = await login(a, 'admin@example.com');
      const flowId = await deploy(a, designer, { ...autoFlow(sink.url), name: 'Kill flow' });
      // A slow receiver holds the publish in flight while the sending worker is killed.
      sink.state.delayMs = 6_000;
      const run = await call(a, 'POST', `/api/flows/${flowId}/runs`, designer, {
        input: { topic: 'Kill' },
      });
      const key = `${run.body.id}:publish`;
      const delivery = await until(
        async () => sink.deliveries.find((d) => d.key === key),
        60_000,
        'the publish to reach the sink',
      );
      const owner = ownerOf(
        delivery.remotePort,
        workers.map((w) => w.pid),
      );
      expect(owner, 'the sending worker').toBeDefined();
      const victim = workers.find((w) => w.pid === owner)!;
      await victim.kill('SIGKILL');
      sink.state.delayMs = 0;
      await until(
        async () => {
          const res = await call(a, 'GET', `/api/runs/${run.body.id}`, admin);
          return res.body.run?.status === 'succeeded' || res.body.status === 'succeeded'
            ? true
            : undefined;
        },
        90_000,
        'the other worker to finish the run',
      );
      const publications = await call(a, 'GET', `/api/publications?runId=${run.body.id}`, admin);
      expect(publications.body.items).toHaveLength(1);
      expect(publications.body.items[0]).toMatchObject({ key, status: 'succeeded' });
      const sent = await call(a, 'GET', `/api/audit?action=publication.sent&subject=${key}`, admin);
      expect(sent.body.items).toHaveLength(1);
      // The cut-off send is repeated with the same idempotency key, which the receiver dedups.
      expect(sink.count(key)).toBeGreaterThanOrEqual(1);
      expect(sink.count(key)).toBeLessThanOrEqual(2);
    }, 180_000);

    it('fires the due-time escalation once across both workers', async () => {
      expect(escalation).toBeDefined();
      const [a] = servers as [ServerProcess];
      const manager = await login(a, 'manager@example.com');
      const task = await until(
        async () => {
          const res = await call(a, 'GET', `/api/tasks/${escalation!.taskId}`, manager);
          const found = res.body.task ?? res.body;
          return found.escalatedAt ? found : undefined;
        },
        150_000,
        'the escalation',
      );
      expect(task.assignees.roles).toContain('manager');
      // Both workers' schedulers poll too; give any second firing time to show up.
      await new Promise((r) => setTimeout(r, 3_000));
      const audits = await call(
        a,
        'GET',
        `/api/audit?action=task.escalated&subject=${escalation!.taskId}`,
        manager,
      );
      expect(audits.body.items).toHaveLength(1);
      expect(escalation!.escalatedEvents).toHaveLength(1);
    }, 180_000);
  },
);
