/*
 * `pnpm bench scale`: the engine benchmark's flow (trigger → ai.generate (offline) →
 * check.brand → human.review at auto → publish.webhook to a local sink) started from this
 * process as a server-role engine, executed by 1, 2 and 4 worker processes (the real entry
 * point, TANDEM_ROLE=worker) on a fresh Redis and one SQLite file each time, next to the same
 * flow executed in-process. Step latency is a step's creation to its end: queue wait included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorePort } from '@tandem/schema';
import { createEngine } from '@tandem/engine';
import type { Engine, QueuePort } from '@tandem/engine';
import { openSqliteStore } from '@tandem/store';
import { createOfflineLlm, createPublisher, createSafeHttpClient } from '@tandem/connectors';
import { BENCH_FLOW_ID, benchDesigner, deployBenchFlow, percentile } from '../engine/bench-flow.js';
import { startSink } from '../engine/http-sink.js';
import { createBullQueue } from '../../apps/server/src/scale/bullmq.queue.js';
import { redisAvailable, startRedisServer } from '../../apps/server/src/scale/redis-server.js';
import { startWorkerProcess } from '../../apps/server/src/scale/worker-process.js';
import type { WorkerProcess } from '../../apps/server/src/scale/worker-process.js';

const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 400);
const IN_FLIGHT = Number(process.env.BENCH_SCALE_IN_FLIGHT ?? 32);
const WORKER_COUNTS = [1, 2, 4];
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const SECRET_KEY = 'scale-bench-secret-key-0123456789abcdef';

interface Result {
  label: string;
  runsPerSecond: number;
  p50: number;
  p99: number;
}

/** Starts RUNS runs, at most IN_FLIGHT unfinished at once, and waits for all to succeed. */
async function measure(label: string, engine: Engine, store: StorePort): Promise<Result> {
  const runIds: string[] = [];
  const started = performance.now();
  let next = 0;
  const finished = async () => (await store.runs.countByStatus(BENCH_FLOW_ID)).succeeded;
  while (next < RUNS) {
    const open = next - (await finished());
    const batch = Math.min(IN_FLIGHT - open, RUNS - next);
    if (batch <= 0) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    await Promise.all(
      Array.from({ length: batch }, async () => {
        next += 1;
        const run = await engine.startRun({
          flowId: BENCH_FLOW_ID,
          input: { topic: `T${next}` },
          startedBy: benchDesigner.id,
        });
        runIds.push(run.id);
      }),
    );
  }
  const deadline = Date.now() + 10 * 60_000;
  while ((await finished()) < RUNS) {
    const counts = await store.runs.countByStatus(BENCH_FLOW_ID);
    if (counts.failed > 0) throw new Error(`${label}: ${counts.failed} runs failed`);
    if (Date.now() > deadline) throw new Error(`${label}: runs did not finish in 10 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const latencies: number[] = [];
  for (const id of runIds) {
    for (const step of await store.steps.listByRun(id)) {
      if (step.nodeId === 'start' || !step.endedAt) continue;
      latencies.push(Date.parse(step.endedAt) - Date.parse(step.createdAt));
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    label,
    runsPerSecond: RUNS / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function inProcess(sinkUrl: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-scale-'));
  const store = openSqliteStore({ dataDir: dir });
  const engine = createEngine({
    store,
    llm: createOfflineLlm(),
    publisher: createPublisher({
      http: createSafeHttpClient({ allowPrivateNetwork: true }),
      resolveConnection: () => Promise.reject(new Error('no saved connections')),
      logger: silent,
    }),
  });
  try {
    await deployBenchFlow(engine, store, sinkUrl, 'Scale benchmark');
    engine.start();
    return await measure('in-process (one process, no Redis)', engine, store);
  } finally {
    await engine.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withWorkers(count: number, sinkUrl: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-scale-'));
  const redis = await startRedisServer();
  const store = openSqliteStore({ dataDir: dir });
  const queue: QueuePort = createBullQueue({ url: redis.url, logger: silent });
  // This process plays the server role: it starts runs and enqueues steps, executes none.
  const engine = createEngine({
    store,
    queue,
    llm: createOfflineLlm(),
    publisher: { publish: () => Promise.reject(new Error('the server role does not publish')) },
  });
  const workers: WorkerProcess[] = [];
  try {
    await deployBenchFlow(engine, store, sinkUrl, 'Scale benchmark');
    const env = {
      TANDEM_DATA_DIR: dir,
      REDIS_URL: redis.url,
      TANDEM_SECRET_KEY: SECRET_KEY,
      TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
      TANDEM_LOG_LEVEL: 'error',
      NODE_ENV: 'test',
    };
    workers.push(
      ...(await Promise.all(Array.from({ length: count }, () => startWorkerProcess(env, 120_000)))),
    );
    return await measure(`${count} worker process${count > 1 ? 'es' : ''} on Redis`, engine, store);
  } finally {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await queue.close();
    await store.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runScaleBench(): Promise<string> {
  if (!redisAvailable()) return '### Scale-out\n\nSkipped: redis-server is not installed.';
  const sink = await startSink();
  try {
    const load = os.loadavg()[0]!;
    const results = [await inProcess(sink.url)];
    for (const count of WORKER_COUNTS) results.push(await withWorkers(count, sink.url));
    const delivered = await sink.counts();
    return [
      `### Scale-out: ${RUNS} runs per setup, SQLite file shared by all processes, local webhook sink`,
      '',
      "Flow: the engine benchmark's (trigger.manual → ai.generate (offline) → check.brand → human.review (auto) → publish.webhook). Runs are started from the benchmark process; with Redis it acts as the server role and worker processes (`TANDEM_ROLE=worker`) execute every step.",
      `Load: at most ${IN_FLIGHT} runs unfinished at once. Step latency: a step's creation to its end (queue wait, execution, writes). Load average at the start: ${load.toFixed(1)} on ${os.cpus().length} cores; every worker is a process on this same machine.`,
      '',
      '| setup | runs/s | step latency p50 | step latency p99 |',
      '| --- | --- | --- | --- |',
      ...results.map(
        (r) =>
          `| ${r.label} | ${r.runsPerSecond.toFixed(1)} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms |`,
      ),
      `| webhook deliveries / duplicate keys | ${delivered.received} / ${delivered.duplicates} | | |`,
      '',
    ].join('\n');
  } finally {
    await sink.close();
  }
}
