/*
 * `pnpm bench engine`: N runs of trigger → ai.generate (offline) → check.brand →
 * human.review at `auto` → publish.webhook to a local HTTP sink, on SQLite. Reports completed
 * runs/s, step and run transitions/s against the raw better-sqlite3 ceiling, per-step engine
 * overhead (wall time of a step minus its node's own work) and peak RSS.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorePort } from '@tandem/schema';
import { createEngine } from '@tandem/engine';
import type { Engine } from '@tandem/engine';
import { nodeCatalog } from '@tandem/nodes';
import type { AnyNodeDefinition } from '@tandem/nodes';
import { openSqliteStore } from '@tandem/store';
import { createOfflineLlm, createPublisher, createThreadedHttpClient } from '@tandem/connectors';
import { BENCH_FLOW_ID, benchDesigner, deployBenchFlow, percentile } from './bench-flow.js';
import { startSink } from './http-sink.js';
import { referenceWriteMicros } from './machine-speed.js';
import { measureSqliteCeiling } from './sqlite-ceiling.js';
import { semiSpaceSetting } from './v8-settings.js';
import { startCpuProfile } from './cpu-profile.js';

const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 10_000);
const WARMUP_RUNS = 200;
/**
 * Runs at the measured load before measuring it. The sweep's phases, run after the main one,
 * kept beating it at the same load (1,421 runs/s at 64 against 1,262 at 128): the first
 * seconds at a new load still paid for compiling its hot paths and growing the heap.
 */
const LOADED_WARMUP_RUNS = 3_000;
const STEPS_PER_RUN = 5;
/**
 * Runs started and not yet finished: as many as the engine admits steps at once (128; this
 * flow runs one step of a run at a time). A closed loop measures in-flight ÷ latency: at 32
 * the engine's turns were too small to amortise a commit and the loop's fixed costs (0.76–0.90
 * ms of main-thread CPU per run against 0.67–0.69 at 128, RESULTS.md 2026-11-26 05:26), so
 * the figure was the load generator's more than the engine's.
 */
const STEP_CAP = 128;
const IN_FLIGHT = Number(process.env.BENCH_ENGINE_IN_FLIGHT ?? STEP_CAP);
/** Smaller phases at lower loads, so the figure's dependence on offered load is on record. */
const SWEEP_IN_FLIGHT = [16, 32, 64];
const SWEEP_RUNS = Number(process.env.BENCH_ENGINE_SWEEP_RUNS ?? 3_000);

/** Counts every write the engine makes, whatever the repository. */
function countingStore(store: StorePort): { store: StorePort; writes: () => number } {
  let writes = 0;
  const WRITES = new Set(['create', 'update', 'put', 'append', 'revoke']);
  // Wrapped once, up front: a proxy making a closure on every call would load the engine's
  // loop with the benchmark's own garbage.
  const counted: Record<string, unknown> = { ...store };
  for (const [name, repo] of Object.entries(store)) {
    if (!repo || typeof repo !== 'object') continue;
    const wrapped: Record<string, unknown> = { ...repo };
    for (const method of WRITES) {
      const write = (repo as Record<string, unknown>)[method];
      if (typeof write !== 'function') continue;
      wrapped[method] = (...args: unknown[]) => {
        writes += 1;
        return (write as (...a: unknown[]) => unknown).apply(repo, args);
      };
    }
    counted[name] = wrapped;
  }
  return { store: counted as unknown as StorePort, writes: () => writes };
}

/**
 * The catalog with each node's own run() timed, so engine time can be told apart. Also counts
 * the runs of nodes that are not inline: each is a step the engine moved to `running`.
 */
function timedCatalog(
  nodeTime: Map<string, number>,
  starts: { count: number },
): AnyNodeDefinition[] {
  return nodeCatalog.map((definition) => ({
    ...definition,
    run: async (ctx) => {
      if (!definition.inline) starts.count += 1;
      const started = performance.now();
      try {
        return await definition.run(ctx);
      } finally {
        nodeTime.set(ctx.run.id, (nodeTime.get(ctx.run.id) ?? 0) + performance.now() - started);
      }
    },
  }));
}

/**
 * CPU time of this process's main thread so far, in ms, or null where /proc is missing. The
 * engine's JavaScript runs there; the process total also counts SQLite's checkpoint thread.
 */
function mainThreadCpuMs(): number | null {
  const file = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(file)) return null;
  const stat = readFileSync(file, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

interface Phase {
  runs: number;
  seconds: number;
  /** States steps and runs passed through, those written and the starts held unwritten. */
  transitions: number;
  /** Of them, those written to the store. */
  written: number;
  writes: number;
  overheads: number[];
  /** CPU time of this process (all its threads) per run, in ms. */
  cpuMsPerRun: number;
  /** CPU time of the main thread per run, in ms (null where it cannot be read). */
  mainCpuMsPerRun: number | null;
  /** Share of the phase the engine's event loop was running something rather than waiting. */
  loopBusy: number;
}

interface Probe {
  transitions: () => number;
  written: () => number;
  writes: () => number;
  overheads: number[];
}

async function runPhase(
  engine: Engine,
  flowId: string,
  runs: number,
  inFlight: number,
  probe: Probe,
): Promise<Phase> {
  let done = 0;
  let failed = 0;
  let next = 0;
  let active = 0;
  const transitionsBefore = probe.transitions();
  const writtenBefore = probe.written();
  const writesBefore = probe.writes();
  probe.overheads.length = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  // `inFlight` bounds runs started and not yet finished, so 1 really is one run at a time.
  const pump = () => {
    while (active < inFlight && next < runs) {
      next += 1;
      active += 1;
      engine
        .startRun({ flowId, input: { topic: `Topic ${next}` }, startedBy: benchDesigner.id })
        .catch(() => {
          failed += 1;
          active -= 1;
        });
    }
  };
  const off = engine.on((event) => {
    if (event.type !== 'run.updated') return;
    if (event.run.status !== 'succeeded' && event.run.status !== 'failed') return;
    if (event.run.status === 'succeeded') done += 1;
    else failed += 1;
    active -= 1;
    if (done + failed === runs) finish();
    else pump();
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const mainBefore = mainThreadCpuMs();
  const loopBefore = performance.eventLoopUtilization();
  pump();
  // A phase of no runs (BENCH_ENGINE_SWEEP_RUNS=0 skips the sweep) has no last run to wait for.
  if (runs > 0) await allDone;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const mainAfter = mainThreadCpuMs();
  const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;
  off();
  if (failed > 0) throw new Error(`${failed} benchmark runs failed`);
  return {
    runs,
    seconds,
    transitions: probe.transitions() - transitionsBefore,
    written: probe.written() - writtenBefore,
    writes: probe.writes() - writesBefore,
    overheads: [...probe.overheads].sort((a, b) => a - b),
    cpuMsPerRun: (cpu.user + cpu.system) / 1000 / runs,
    mainCpuMsPerRun:
      mainBefore === null || mainAfter === null ? null : (mainAfter - mainBefore) / runs,
    loopBusy,
  };
}

export async function runEngineBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-engine-'));
  const sink = await startSink();
  let peakRss = process.memoryUsage().rss;
  // Four times a second: reading the RSS costs the loop being measured too (at 20 a second it
  // showed as 0.6 % of the engine's main-thread profile).
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 250);
  // As the server sends them: from the HTTP thread.
  const http = createThreadedHttpClient({ allowPrivateNetwork: true });
  try {
    const ceiling = measureSqliteCeiling(dir);
    const counted = countingStore(openSqliteStore({ dataDir: join(dir, 'store') }));
    const store = counted.store;
    const nodeTime = new Map<string, number>();
    const runStart = new Map<string, number>();
    // Counts, not the events: keeping 100,000 of them alive would load the GC being measured.
    // A step that starts and ends quickly is written once, when it ends (UnwrittenStarts): its
    // start is a transition no event reports, counted as a start without a `running` event.
    let written = 0;
    let writtenStarts = 0;
    const starts = { count: 0 };
    const overheads: number[] = [];
    const engine = createEngine({
      nodes: timedCatalog(nodeTime, starts),
      store,
      llm: createOfflineLlm(),
      publisher: createPublisher({
        http,
        resolveConnection: () =>
          Promise.reject(new Error('The benchmark uses no saved connections')),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      }),
      limits: { maxConcurrentSteps: STEP_CAP, maxConcurrentStepsPerFlow: STEP_CAP },
    });
    // Engine overhead per step: a run's wall time (first write to final write) minus the time
    // its nodes spent in their own run() (LLM, checks, HTTP), divided by its steps.
    engine.on((event) => {
      if (event.type !== 'step.updated' && event.type !== 'run.updated') return;
      written += 1;
      if (event.type === 'step.updated' && event.step.status === 'running') writtenStarts += 1;
      if (event.type !== 'run.updated') return;
      const id = event.run.id;
      if (!runStart.has(id)) runStart.set(id, performance.now());
      if (event.run.status !== 'succeeded') return;
      const wall = performance.now() - runStart.get(id)!;
      overheads.push(Math.max(0, wall - (nodeTime.get(id) ?? 0)) / STEPS_PER_RUN);
      runStart.delete(id);
      nodeTime.delete(id);
    });

    await deployBenchFlow(engine, store, sink.url, 'Engine benchmark');
    // Transient failures (a slow sink under load) retry through durable timers.
    engine.start();

    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const probe: Probe = {
      transitions: () => written + starts.count - writtenStarts,
      written: () => written,
      writes: counted.writes,
      overheads,
    };
    await runPhase(engine, BENCH_FLOW_ID, WARMUP_RUNS, 1, probe);
    const unloaded = await runPhase(engine, BENCH_FLOW_ID, WARMUP_RUNS, 1, probe);
    await runPhase(engine, BENCH_FLOW_ID, LOADED_WARMUP_RUNS, IN_FLIGHT, probe);
    const loadBefore = os.loadavg()[0]!;
    const sinkBefore = await sink.counts();
    const speedBefore = referenceWriteMicros();
    const profiler = await startCpuProfile(process.env.BENCH_ENGINE_CPU_PROFILE);
    const loaded = await runPhase(engine, BENCH_FLOW_ID, RUNS, IN_FLIGHT, probe);
    await profiler.stop();
    const speedAfter = referenceWriteMicros();
    const sinkAfter = await sink.counts();
    const sweep: string[] = [];
    for (const inFlight of SWEEP_RUNS > 0 ? SWEEP_IN_FLIGHT : []) {
      const phase = await runPhase(engine, BENCH_FLOW_ID, SWEEP_RUNS, inFlight, probe);
      const main = phase.mainCpuMsPerRun === null ? '' : `, ${ms(phase.mainCpuMsPerRun)} main`;
      sweep.push(`${inFlight}: ${(phase.runs / phase.seconds).toFixed(0)}${main}`);
    }
    const delivered = await sink.counts();
    await engine.stop();
    await store.close();

    const runsPerSecond = loaded.runs / loaded.seconds;
    const transitionsPerSecond = loaded.transitions / loaded.seconds;
    const writesPerSecond = loaded.writes / loaded.seconds;
    const sinkCpuPerRun = (sinkAfter.cpuMs - sinkBefore.cpuMs) / loaded.runs;
    const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
    return [
      `### Engine: ${loaded.runs.toLocaleString('en')} runs, SQLite, offline LLM, local webhook sink`,
      '',
      'Flow: trigger.manual → ai.generate (offline) → check.brand → human.review (auto) → publish.webhook (real publisher, guarded HTTP client sending from its worker thread as the server does, to a 127.0.0.1 sink in its own process).',
      `Load: at most ${IN_FLIGHT} runs in flight at once; engine caps ${STEP_CAP} steps at once. Measured after ${WARMUP_RUNS} warm-up runs one at a time and ${LOADED_WARMUP_RUNS.toLocaleString('en')} at this load.`,
      `Engine process's young generation: ${semiSpaceSetting()}.`,
      `Machine load average at the start of the measured phase: ${loadBefore.toFixed(1)} on ${os.cpus().length} cores (other work shares this machine).`,
      '',
      '| figure | value | target |',
      '| --- | --- | --- |',
      `| completed runs/s | ${runsPerSecond.toFixed(0)} (${loaded.runs} in ${loaded.seconds.toFixed(2)} s) | ≥ 1,500: ${verdict(runsPerSecond >= 1500)} |`,
      `| step/run transitions/s (states steps and runs pass through, quick steps' unwritten starts included) | ${transitionsPerSecond.toFixed(0)} (${loaded.transitions} transitions, ${(loaded.transitions / loaded.runs).toFixed(1)} per run) | ≥ 0.5 × ceiling = ${(ceiling / 2).toFixed(0)}: ${verdict(transitionsPerSecond >= ceiling / 2)} |`,
      `| of them written to the store, /s | ${(loaded.written / loaded.seconds).toFixed(0)} (${loaded.written}, ${(loaded.written / loaded.runs).toFixed(1)} per run) | — |`,
      `| all store writes/s (runs, steps, tasks, publications, audit) | ${writesPerSecond.toFixed(0)} (${loaded.writes} writes, ${(loaded.writes / loaded.runs).toFixed(1)} per run) | — |`,
      `| raw better-sqlite3 single-row transactions/s (ceiling) | ${ceiling.toFixed(0)} | — |`,
      `| machine speed: reference write work (zod check, JSON out and back of a step), µs per document, before / after the measured phase | ${speedBefore.toFixed(2)} / ${speedAfter.toFixed(2)} | — |`,
      `| runs/s at other loads, ${SWEEP_RUNS.toLocaleString('en')} runs each (runs in flight: runs/s, main-thread CPU per run) | ${sweep.join('; ')} | — |`,
      `| runs/s one run at a time | ${(unloaded.runs / unloaded.seconds).toFixed(1)} | — |`,
      `| per-step engine overhead, one run at a time, p50 / p99 | ${ms(percentile(unloaded.overheads, 50))} / ${ms(percentile(unloaded.overheads, 99))} | p99 ≤ 5 ms: ${verdict(percentile(unloaded.overheads, 99) <= 5)} |`,
      `| per-step engine overhead under load, p50 / p99 (includes waiting for the CPU, the lock, a slot) | ${ms(percentile(loaded.overheads, 50))} / ${ms(percentile(loaded.overheads, 99))} | — |`,
      `| CPU per run under load: engine main thread / engine process (all threads) / webhook sink process | ${loaded.mainCpuMsPerRun === null ? 'n/a' : ms(loaded.mainCpuMsPerRun)} / ${ms(loaded.cpuMsPerRun)} / ${ms(sinkCpuPerRun)} | — |`,
      `| engine event loop busy under load (what it waited for when idle: RESULTS.md, 2026-11-28 13:52) | ${(loaded.loopBusy * 100).toFixed(1)} % | — |`,
      `| peak RSS | ${(peakRss / 2 ** 20).toFixed(0)} MiB | — |`,
      `| webhook deliveries at the sink / duplicate keys | ${delivered.received} / ${delivered.duplicates} | ${RUNS + 2 * WARMUP_RUNS + LOADED_WARMUP_RUNS + SWEEP_IN_FLIGHT.length * SWEEP_RUNS} / 0 |`,
      '',
    ].join('\n');
  } finally {
    clearInterval(sampler);
    http.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
