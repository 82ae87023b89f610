import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewFlow, startSink } from './testing/fixtures.js';
import type { Sink } from './testing/fixtures.js';
import { startServerProcess } from './testing/server-process.js';
import type { ServerProcess } from './testing/server-process.js';

/*
 * Issue 3's process-level test: the real server process (`src/main.ts`) on SQLite, killed with
 * SIGKILL and started again on the same data directory.
 */

const RUNS = 100;
let dataDir: string;
let sink: Sink;
let server: ServerProcess | undefined;

const env = () => ({
  PORT: '0',
  TANDEM_DATA_DIR: dataDir,
  TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
  TANDEM_LOG_LEVEL: 'error',
  NODE_ENV: 'test',
});

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${server!.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: json };
}

async function login(email: string): Promise<string> {
  const res = await call('POST', '/api/auth/login', undefined, { email, password: 'tandem' });
  expect(res.status).toBe(200);
  return res.body!.token;
}

async function openTasks(token: string): Promise<{ id: string; runId: string }[]> {
  const res = await call('GET', '/api/tasks?status=open&limit=500', token);
  expect(res.status).toBe(200);
  return res.body!.items;
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${server?.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-durability-'));
  // A slow receiver keeps publishes in flight long enough for the second kill to land mid-way.
  sink = await startSink({ delayMs: 150 });
});
afterAll(async () => {
  await server?.kill('SIGKILL');
  await sink.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('process-level durability: SIGKILL and restart of the real server on SQLite', () => {
  it('keeps 100 waiting tasks across a SIGKILL and publishes each exactly once, even when killed mid-publish', async () => {
    server = await startServerProcess(env());
    const designer = await login('designer@example.com');
    const created = await call('POST', '/api/flows', designer, reviewFlow(sink.url));
    expect(created.status).toBe(201);
    const flowId = created.body!.id as string;
    expect((await call('POST', `/api/flows/${flowId}/publish`, designer)).status).toBe(201);

    const runIds: string[] = [];
    await pool(
      Array.from({ length: RUNS }, (_, i) => i),
      8,
      async (i) => {
        const res = await call('POST', `/api/flows/${flowId}/runs`, designer, {
          input: { topic: `Topic ${i}` },
        });
        expect(res.status).toBe(201);
        runIds.push(res.body!.id);
      },
    );
    let reviewer = await login('reviewer@example.com');
    await until(
      async () => ((await openTasks(reviewer)).length === RUNS ? true : undefined),
      60_000,
      '100 open tasks',
    );

    // First crash: nothing is in flight, every run waits at the checkpoint.
    await server.kill('SIGKILL');
    server = await startServerProcess(env());
    reviewer = await login('reviewer@example.com');
    const afterRestart = await openTasks(reviewer);
    expect(afterRestart).toHaveLength(RUNS);
    expect(new Set(afterRestart.map((t) => t.runId))).toEqual(new Set(runIds));

    // Approve everything; kill the process once publishing is under way.
    const killAfter = 30;
    let killed: Promise<unknown> | undefined;
    await pool(afterRestart, 10, async (task) => {
      if (killed) return;
      if (sink.deliveries.length >= killAfter) {
        killed ??= server!.kill('SIGKILL');
        return;
      }
      await call('POST', `/api/tasks/${task.id}/decision`, reviewer, { action: 'approve' }).catch(
        () => undefined,
      );
    });
    if (!killed) {
      await until(
        async () => (sink.deliveries.length >= killAfter ? true : undefined),
        60_000,
        'publishing to start',
      );
      killed = server.kill('SIGKILL');
    }
    await killed;
    const deliveredBeforeSecondKill = sink.deliveries.length;
    expect(deliveredBeforeSecondKill).toBeGreaterThanOrEqual(killAfter);
    expect(deliveredBeforeSecondKill).toBeLessThan(RUNS);

    server = await startServerProcess(env());
    reviewer = await login('reviewer@example.com');
    for (const task of await openTasks(reviewer)) {
      const res = await call('POST', `/api/tasks/${task.id}/decision`, reviewer, {
        action: 'approve',
      });
      expect(res.status).toBe(200);
    }
    const admin = await login('admin@example.com');
    await until(
      async () => {
        const res = await call(
          'GET',
          `/api/runs?flowId=${flowId}&status=succeeded&limit=500`,
          admin,
        );
        return res.body!.items.length === RUNS ? true : undefined;
      },
      90_000,
      'all runs to succeed',
    );

    const counts = sink.counts();
    expect(new Set(counts.keys())).toEqual(new Set(runIds.map((id) => `${id}:publish`)));
    // A delivery cut off by the kill is sent again with the same key; the receiver dedups it.
    const resent = [...counts.values()].filter((n) => n > 1).length;
    expect(resent).toBeLessThanOrEqual(deliveredBeforeSecondKill);
    const publications = await call('GET', '/api/publications?status=succeeded&limit=500', admin);
    expect(publications.body!.items).toHaveLength(RUNS);
    expect(new Set(publications.body!.items.map((p: { key: string }) => p.key)).size).toBe(RUNS);
    // A graceful stop after all that exits cleanly.
    expect(await server.kill('SIGTERM')).toBe(0);
  }, 300_000);
});
