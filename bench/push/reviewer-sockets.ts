/*
 * The reviewers' side of the push benchmark, run as its own process (forked by push.bench.ts
 * with `--import tsx`) so that decoding 1,000 sockets' frames does not share an event loop with
 * the server. It opens the sockets, stamps every `task.created` with Date.now() on arrival and
 * reports, per measured run, the latency from the task's stored `createdAt` (the engine's clock,
 * Date-based, same machine) to each socket's receipt.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { summarize } from './stats.js';
import type { Summary } from './stats.js';

export type ToClient =
  | { type: 'connect'; url: string; tokens: string[]; sockets: number; batch: number }
  | { type: 'progress' }
  | { type: 'report'; runIds: string[] }
  | { type: 'close' };

export type FromClient =
  | { type: 'connected'; connected: number; failed: number; errors: string[]; ms: number }
  | { type: 'progress'; created: number; updated: number }
  | {
      type: 'report';
      latency: Summary;
      /** Per task: latency to the first socket that received it. */
      first: Summary;
      /** Per task: last socket's receipt minus first socket's receipt. */
      spread: Summary;
      /** Per task: how many sockets received it (expected: every socket). */
      minReceivers: number;
      fullyDelivered: number;
      missingTasks: number;
      disconnects: Record<string, number>;
      loopDelay: { p50: number; p99: number; max: number };
    };

interface Receipts {
  latencies: number[];
  first: number;
  last: number;
}

interface TaskCreated {
  task: { runId: string; createdAt: string };
}

const sockets: Socket[] = [];
const byRun = new Map<string, Receipts>();
const disconnects: Record<string, number> = {};
let created = 0;
let updated = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });

function send(message: FromClient): void {
  process.send?.(message);
}

function onTaskCreated(event: TaskCreated): void {
  const now = Date.now();
  created += 1;
  const runId = event.task.runId;
  let receipts = byRun.get(runId);
  if (!receipts) {
    receipts = { latencies: [], first: now, last: now };
    byRun.set(runId, receipts);
  }
  receipts.latencies.push(now - Date.parse(event.task.createdAt));
  receipts.last = now;
}

function openSocket(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
    });
    const onError = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('connect_error', onError);
    socket.once('connect', () => {
      socket.off('connect_error', onError);
      socket.on('task.created', onTaskCreated);
      socket.on('task.updated', () => (updated += 1));
      socket.on('disconnect', (reason) => (disconnects[reason] = (disconnects[reason] ?? 0) + 1));
      resolve(socket);
    });
  });
}

async function connectAll(message: Extract<ToClient, { type: 'connect' }>): Promise<void> {
  const started = performance.now();
  const errors = new Map<string, number>();
  let failed = 0;
  for (let i = 0; i < message.sockets; i += message.batch) {
    const size = Math.min(message.batch, message.sockets - i);
    const results = await Promise.allSettled(
      Array.from({ length: size }, (_, j) =>
        openSocket(message.url, message.tokens[(i + j) % message.tokens.length]!),
      ),
    );
    for (const result of results) {
      if (result.status === 'fulfilled') sockets.push(result.value);
      else {
        failed += 1;
        const text = String((result.reason as Error)?.message ?? result.reason);
        errors.set(text, (errors.get(text) ?? 0) + 1);
      }
    }
  }
  loop.enable();
  send({
    type: 'connected',
    connected: sockets.length,
    failed,
    errors: [...errors].map(([text, n]) => `${n} × ${text}`),
    ms: performance.now() - started,
  });
}

function report(runIds: string[]): void {
  loop.disable();
  const latencies: number[] = [];
  const spreads: number[] = [];
  const firsts: number[] = [];
  let minReceivers = runIds.length ? Number.POSITIVE_INFINITY : 0;
  let fullyDelivered = 0;
  let missingTasks = 0;
  for (const runId of runIds) {
    const receipts = byRun.get(runId);
    if (!receipts) {
      missingTasks += 1;
      minReceivers = 0;
      continue;
    }
    for (const value of receipts.latencies) latencies.push(value);
    spreads.push(receipts.last - receipts.first);
    firsts.push(receipts.latencies[0]!);
    minReceivers = Math.min(minReceivers, receipts.latencies.length);
    if (receipts.latencies.length >= sockets.length) fullyDelivered += 1;
  }
  send({
    type: 'report',
    latency: summarize(latencies),
    first: summarize(firsts),
    spread: summarize(spreads),
    minReceivers,
    fullyDelivered,
    missingTasks,
    disconnects,
    loopDelay: {
      p50: loop.percentile(50) / 1e6,
      p99: loop.percentile(99) / 1e6,
      max: loop.max / 1e6,
    },
  });
}

process.on('message', (message: ToClient) => {
  switch (message.type) {
    case 'connect':
      void connectAll(message);
      break;
    case 'progress':
      send({ type: 'progress', created, updated });
      break;
    case 'report':
      report(message.runIds);
      break;
    case 'close':
      for (const socket of sockets) socket.close();
      process.disconnect();
      break;
  }
});

// The parent going away (crash, Ctrl-C) must not leave 1,000 sockets behind.
process.on('disconnect', () => {
  for (const socket of sockets) socket.close();
  setTimeout(() => process.exit(0), 100).unref();
});
