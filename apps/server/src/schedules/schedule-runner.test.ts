import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, createFakeClock } from '@tandem/engine';
import type { FakeClock } from '@tandem/engine';
import type { LlmPort, PublisherPort } from '@tandem/nodes';
import type { Graph, StorePort } from '@tandem/schema';
import { createMemoryStore, openSqliteStore } from '@tandem/store';
import { createAuditService } from '../audit/audit.service.js';
import { createLogger } from '../logger.js';
import { createScheduleRunner, scheduledRunId } from './schedule-runner.js';

const designer = { id: 'u_designer', roles: ['designer' as const] };
// The flows here are a schedule alone: nothing asks a model or publishes.
const unused = {} as unknown as LlmPort & PublisherPort;
const logger = createLogger('silent');

/** A process: an engine and a schedule runner over `store`, on `clock`. */
function processOn(store: StorePort, clock: FakeClock) {
  const engine = createEngine({
    store,
    llm: unused,
    publisher: unused,
    clock,
    timers: clock,
    logger,
  });
  const audit = createAuditService(store);
  return { engine, runner: createScheduleRunner({ store, engine, clock, audit, logger }) };
}

const scheduleGraph = (config: Record<string, unknown>): Graph => ({
  nodes: [
    {
      id: 'start',
      type: 'trigger.schedule',
      position: { x: 0, y: 0 },
      config: config as Graph['nodes'][number]['config'],
    },
  ],
  edges: [],
});

let flows = 0;
async function publish(
  store: StorePort,
  engine: ReturnType<typeof createEngine>,
  clock: FakeClock,
  config: Record<string, unknown>,
  flowId?: string,
): Promise<string> {
  const now = clock.now().toISOString();
  const id = flowId ?? `flow_${++flows}`;
  const existing = await store.flows.find(id);
  if (existing)
    await store.flows.update({ ...existing, graph: scheduleGraph(config), updatedAt: now });
  else
    await store.flows.create({
      id,
      name: 'Weekly ideas',
      graph: scheduleGraph(config),
      publishedVersion: null,
      createdBy: designer.id,
      createdAt: now,
      updatedBy: designer.id,
      updatedAt: now,
      revision: 0,
    });
  await engine.publishFlow(id, designer);
  return id;
}

const runsOf = async (store: StorePort, flowId: string) =>
  (await store.runs.list({ flowId, limit: 500 })).items;

// Berlin is UTC+1 in January: 09:00 there is 08:00 UTC. 2026-01-05 is a Monday.
const berlinNine = { frequency: 'daily', time: '09:00', timeZone: 'Europe/Berlin' };

describe('schedule runner on one store', () => {
  it('starts one run per slot, with the fixed values as input, started by nobody and audited', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const { engine, runner } = processOn(store, clock);
    const flowId = await publish(store, engine, clock, {
      ...berlinNine,
      fields: [{ label: 'Theme', name: 'theme', value: 'Spring launch' }],
    });
    clock.set('2026-01-05T07:59:59.000Z');
    expect(await runner.tick()).toEqual([]);
    clock.set('2026-01-05T08:00:05.000Z');
    const [runId] = await runner.tick();
    expect(runId).toBe(scheduledRunId(flowId, Date.parse('2026-01-05T08:00:00.000Z')));
    clock.set('2026-01-05T08:00:25.000Z');
    expect(await runner.tick()).toEqual([]);

    const [run, ...more] = await runsOf(store, flowId);
    expect(more).toEqual([]);
    expect(run).toMatchObject({ id: runId, startedBy: null, input: { theme: 'Spring launch' } });
    const audited = await store.audit.list({ action: 'schedule.fired', limit: 10 });
    expect(audited.items).toMatchObject([
      {
        actorId: null,
        subjectId: flowId,
        details: { runId, slot: '2026-01-05T08:00:00.000Z', versionNumber: 1 },
      },
    ]);

    clock.set('2026-01-06T08:00:10.000Z');
    expect(await runner.tick()).toHaveLength(1);
    expect(await runsOf(store, flowId)).toHaveLength(2);
  });

  it('does not start a slot again after a restart', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const before = processOn(store, clock);
    const flowId = await publish(store, before.engine, clock, berlinNine);
    clock.set('2026-01-05T08:00:05.000Z');
    expect(await before.runner.tick()).toHaveLength(1);
    await before.runner.stop();
    await before.engine.stop();

    const after = processOn(store, clock);
    clock.set('2026-01-05T08:01:00.000Z');
    expect(await after.runner.tick()).toEqual([]);
    expect(await runsOf(store, flowId)).toHaveLength(1);
  });

  it('catches up once, with the newest missed slot within six hours, never a burst', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const { engine, runner } = processOn(store, clock);
    const daily = await publish(store, engine, clock, berlinNine);
    const quarterly = await publish(store, engine, clock, {
      frequency: 'minutes',
      everyMinutes: 15,
    });
    // Down from 07:00 to 10:31 UTC: the 08:00 daily slot and fourteen quarter hours were missed.
    clock.set('2026-01-05T10:31:00.000Z');
    await runner.tick();
    const [dailyRun] = await runsOf(store, daily);
    expect(dailyRun!.id).toBe(scheduledRunId(daily, Date.parse('2026-01-05T08:00:00.000Z')));
    const quarterRuns = await runsOf(store, quarterly);
    expect(quarterRuns.map((r) => r.id)).toEqual([
      scheduledRunId(quarterly, Date.parse('2026-01-05T10:30:00.000Z')),
    ]);

    // Down for longer than the grace: the next day's slot is seven hours old and is left.
    clock.set('2026-01-06T15:00:00.000Z');
    await runner.tick();
    expect(await runsOf(store, daily)).toHaveLength(1);
  });

  it('starts nothing for a paused schedule, a deleted flow or a flow never published', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const { engine, runner } = processOn(store, clock);
    const paused = await publish(store, engine, clock, { ...berlinNine, paused: true });
    const deleted = await publish(store, engine, clock, berlinNine);
    await store.flows.delete(deleted);
    const now = clock.now().toISOString();
    await store.flows.create({
      id: 'flow_draft',
      name: 'Draft only',
      graph: scheduleGraph(berlinNine),
      publishedVersion: null,
      createdBy: designer.id,
      createdAt: now,
      updatedBy: designer.id,
      updatedAt: now,
      revision: 0,
    });
    clock.set('2026-01-05T08:00:05.000Z');
    expect(await runner.tick()).toEqual([]);
    for (const flowId of [paused, deleted, 'flow_draft']) {
      expect(await runsOf(store, flowId)).toEqual([]);
    }
  });

  it('applies a newly published version’s schedule at once, and never its slots from before', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const { engine, runner } = processOn(store, clock);
    const flowId = await publish(store, engine, clock, berlinNine);
    expect(await runner.tick()).toEqual([]);
    // Version 2, published at 07:30 UTC, runs at 10:00 Berlin (09:00 UTC) instead of 09:00.
    clock.set('2026-01-05T07:30:00.000Z');
    await publish(store, engine, clock, { ...berlinNine, time: '10:00' }, flowId);
    clock.set('2026-01-05T08:00:05.000Z');
    expect(await runner.tick()).toEqual([]);
    clock.set('2026-01-05T09:00:05.000Z');
    expect(await runner.tick()).toHaveLength(1);
    const [run] = await runsOf(store, flowId);
    expect(run!.versionNumber).toBe(2);

    // A schedule published after its time today starts tomorrow, not now.
    clock.set('2026-01-05T12:00:00.000Z');
    const late = await publish(store, engine, clock, berlinNine);
    expect(await runner.tick()).toEqual([]);
    expect(await runsOf(store, late)).toEqual([]);
  });
});

describe('schedule runner around a republish', () => {
  it('still starts a slot that fell due just before a republish, once, under the version it was due in', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const { engine, runner } = processOn(store, clock);
    const flowId = await publish(store, engine, clock, {
      ...berlinNine,
      fields: [{ label: 'Theme', name: 'theme', value: 'Old theme' }],
    });
    clock.set('2026-01-05T07:59:50.000Z');
    expect(await runner.tick()).toEqual([]);
    // 08:00 UTC is due; before the next tick, a designer republishes (the same schedule, a
    // new value).
    clock.set('2026-01-05T08:00:10.000Z');
    await publish(
      store,
      engine,
      clock,
      { ...berlinNine, fields: [{ label: 'Theme', name: 'theme', value: 'New theme' }] },
      flowId,
    );
    clock.set('2026-01-05T08:00:12.000Z');
    const slot = scheduledRunId(flowId, Date.parse('2026-01-05T08:00:00.000Z'));
    expect(await runner.tick()).toEqual([slot]);
    clock.set('2026-01-05T08:00:32.000Z');
    expect(await runner.tick()).toEqual([]);
    const runs = await runsOf(store, flowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: slot, versionNumber: 1, input: { theme: 'Old theme' } });

    // Version 2's own slots run under it from the next day on.
    clock.set('2026-01-06T08:00:05.000Z');
    expect(await runner.tick()).toHaveLength(1);
    expect((await runsOf(store, flowId))[0]).toMatchObject({
      versionNumber: 2,
      input: { theme: 'New theme' },
    });
  });

  it('starts it too when the new version changes or pauses the schedule, and after a restart', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T07:00:00.000Z');
    const before = processOn(store, clock);
    const flowId = await publish(store, before.engine, clock, berlinNine);
    clock.set('2026-01-05T08:00:03.000Z');
    await publish(store, before.engine, clock, { ...berlinNine, time: '10:00' }, flowId);
    clock.set('2026-01-05T08:00:04.000Z');
    await publish(store, before.engine, clock, { ...berlinNine, paused: true }, flowId);
    await before.runner.stop();
    await before.engine.stop();

    // A process that never saw version 1 (started after both republishes).
    const after = processOn(store, clock);
    clock.set('2026-01-05T08:00:20.000Z');
    expect(await after.runner.tick()).toEqual([
      scheduledRunId(flowId, Date.parse('2026-01-05T08:00:00.000Z')),
    ]);
    clock.set('2026-01-05T09:00:05.000Z');
    expect(await after.runner.tick()).toEqual([]);
    const runs = await runsOf(store, flowId);
    expect(runs.map((r) => r.versionNumber)).toEqual([1]);
  });

  it('never runs a slot from before the first publication, nor a burst after an outage', async () => {
    const store = createMemoryStore();
    const clock = createFakeClock('2026-01-05T08:00:10.000Z');
    const { engine, runner } = processOn(store, clock);
    const first = await publish(store, engine, clock, berlinNine);
    clock.set('2026-01-05T08:00:15.000Z');
    expect(await runner.tick()).toEqual([]);
    expect(await runsOf(store, first)).toEqual([]);

    // Down from 07:00 to 10:31 UTC with a republish at 09:05: the newest missed slot alone.
    clock.set('2026-01-05T07:00:00.000Z');
    const quarterly = await publish(store, engine, clock, {
      frequency: 'minutes',
      everyMinutes: 15,
    });
    clock.set('2026-01-05T09:05:00.000Z');
    await publish(store, engine, clock, { frequency: 'minutes', everyMinutes: 30 }, quarterly);
    clock.set('2026-01-05T10:31:00.000Z');
    await runner.tick();
    expect((await runsOf(store, quarterly)).map((r) => r.id)).toEqual([
      scheduledRunId(quarterly, Date.parse('2026-01-05T10:30:00.000Z')),
    ]);
  });
});

describe('schedule runners of two processes on one SQLite store', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('start one run per slot between them', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-schedules-'));
    const clock = createFakeClock('2026-01-05T07:50:00.000Z');
    const storeA = openSqliteStore({ dataDir });
    const storeB = openSqliteStore({ dataDir });
    const a = processOn(storeA, clock);
    const b = processOn(storeB, clock);
    const flowId = await publish(storeA, a.engine, clock, {
      frequency: 'minutes',
      everyMinutes: 15,
    });
    const started: string[] = [];
    for (const at of ['08:00:01', '08:00:21', '08:15:03', '08:30:02', '08:45:00']) {
      clock.set(`2026-01-05T${at}.000Z`);
      const [fromA, fromB] = await Promise.all([a.runner.tick(), b.runner.tick()]);
      started.push(...fromA, ...fromB);
    }
    expect(started).toHaveLength(4);
    expect(new Set(started).size).toBe(4);
    expect(await runsOf(storeB, flowId)).toHaveLength(4);
    await Promise.all([a.runner.stop(), b.runner.stop(), a.engine.stop(), b.engine.stop()]);
    await storeA.close();
    await storeB.close();
  });
});
