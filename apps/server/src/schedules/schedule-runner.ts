import { createHash } from 'node:crypto';
import { isAppError } from '@tandem/schema';
import type { FlowVersion, StorePort } from '@tandem/schema';
import {
  latestSlotBetween,
  SCHEDULED_RUN_ID_PREFIX,
  triggerScheduleConfigSchema,
} from '@tandem/nodes';
import type { Clock, Logger, TriggerScheduleConfig } from '@tandem/nodes';
import type { Engine } from '@tandem/engine';
import type { AuditService } from '../audit/audit.service.js';
import { periodicPass } from '../periodic-pass.js';

/** How often the runner looks for due slots: a run starts at most this long after its time. */
export const SCHEDULE_TICK_MS = 20_000;

/**
 * How late a slot may still start a run: after a restart (or a stalled process) the newest slot
 * missed within this window runs once; older slots, and every slot before the newest, do not.
 * Six hours keeps a morning post a morning post after a short outage without starting
 * yesterday's run today.
 */
export const CATCH_UP_GRACE_MS = 6 * 60 * 60 * 1000;

/**
 * The run id of one slot of one flow. The store refuses a second run with the same id, in every
 * process and after a restart, which is what makes each slot start at most one run. The version
 * is left out on purpose: republishing the same schedule must not run a slot again.
 */
export function scheduledRunId(flowId: string, slot: number): string {
  const slotIso = new Date(slot).toISOString();
  const digest = createHash('sha256').update(`${flowId}\n${slotIso}`).digest('hex');
  return `${SCHEDULED_RUN_ID_PREFIX}${digest.slice(0, 40)}`;
}

interface PublishedSchedule {
  versionNumber: number;
  version: FlowVersion;
  /** Null when the version does not start with a schedule. */
  config: TriggerScheduleConfig | null;
}

export interface ScheduleRunner {
  /** One pass over the published flows; resolves with the ids of the runs it started. */
  tick(): Promise<string[]>;
  start(): void;
  /** Stops ticking and waits for the starts under way. */
  stop(): Promise<void>;
}

/**
 * Starts runs of published flows whose trigger is `trigger.schedule`, from each flow's newest
 * published version (or an earlier one, for a slot that fell due just before a republish).
 * Stateless apart from a cache of immutable versions: what ran is in the store (the slot's run
 * id), so any number of processes may tick over one store.
 */
export function createScheduleRunner(deps: {
  store: StorePort;
  engine: Pick<Engine, 'startRun'>;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  graceMs?: number;
  tickMs?: number;
}): ScheduleRunner {
  const { store, engine, clock, audit, logger } = deps;
  const graceMs = deps.graceMs ?? CATCH_UP_GRACE_MS;
  const tickMs = deps.tickMs ?? SCHEDULE_TICK_MS;
  /** Per flow, the published versions that may still have a slot due, by number. */
  const published = new Map<string, Map<number, PublishedSchedule>>();
  const inFlight = new Map<string, Promise<string | null>>();

  /** A published version's schedule; versions are immutable, so cached as read. */
  async function scheduleOf(
    flowId: string,
    versionNumber: number,
    cached: Map<number, PublishedSchedule> | undefined,
  ): Promise<PublishedSchedule | null> {
    const known = cached?.get(versionNumber);
    if (known) return known;
    const version = await store.flowVersions.findByNumber(flowId, versionNumber);
    if (!version) return null;
    const trigger = version.graph.nodes.find((n) => n.type === 'trigger.schedule');
    const parsed = trigger ? triggerScheduleConfigSchema.safeParse(trigger.config) : null;
    if (parsed && !parsed.success) {
      logger.warn('A published schedule does not parse; it will not run', {
        flowId,
        versionNumber,
      });
    }
    return { versionNumber, version, config: parsed?.success ? parsed.data : null };
  }

  /**
   * The flow's published versions that were in force at some time after `since`, newest first:
   * the newest, then each one before it back to the one in force at `since` (or the first).
   * Only these can have a slot still due; the cache keeps them alone.
   */
  async function versionsInForce(
    flowId: string,
    newest: number,
    since: number,
  ): Promise<PublishedSchedule[]> {
    const cached = published.get(flowId);
    const chain: PublishedSchedule[] = [];
    for (let number = newest; number >= 1; number--) {
      const entry = await scheduleOf(flowId, number, cached);
      if (!entry) {
        if (number === newest) throw new Error(`Flow ${flowId} has no version ${number}`);
        break;
      }
      chain.push(entry);
      if (Date.parse(entry.version.createdAt) <= since) break;
    }
    published.set(flowId, new Map(chain.map((entry) => [entry.versionNumber, entry])));
    return chain;
  }

  /**
   * The slot due now, if any, with the version it is due under: the newest slot within grace,
   * each version's slots counting only while it was the published one. A version's schedule
   * applies from its publishing, so a new schedule never runs old slots, and nothing runs from
   * before the first publication. But a slot that fell due under the previous version and that
   * no tick reached before the republish (ticks are 20 s apart) is still the newest slot: it
   * runs, once, as its run id is the flow's and the slot's alone.
   *
   * It runs the version it fell due under, with that version's input values, not the new one:
   * that is the run an on-time tick would have started, so the outcome does not depend on when
   * the ticks fall. The pair stays consistent too: the new version may have changed its
   * trigger, its fields or what its steps read from the input, or paused the schedule after
   * the slot was already due.
   */
  function dueSlot(
    chain: readonly PublishedSchedule[],
    now: number,
  ): { entry: PublishedSchedule; slot: number } | null {
    const since = now - graceMs;
    let until = now;
    for (const entry of chain) {
      const publishedAt = Date.parse(entry.version.createdAt);
      if (entry.config) {
        const slot = latestSlotBetween(entry.config, Math.max(publishedAt, since) - 1, until);
        if (slot !== null) return { entry, slot };
      }
      // The older version was in force until just before this one's publishing.
      until = publishedAt - 1;
      if (until <= since) break;
    }
    return null;
  }

  async function startSlot(entry: PublishedSchedule, slot: number, now: number) {
    const { version, config } = entry;
    const runId = scheduledRunId(version.flowId, slot);
    if (await store.runs.find(runId)) return null;
    const input = Object.fromEntries((config?.fields ?? []).map((f) => [f.name, f.value]));
    try {
      await engine.startRun({ flowVersionId: version.id, input, startedBy: null, runId });
    } catch (error) {
      // Another process (or this one before a restart) started this slot first.
      if (isAppError(error, 'CONFLICT') && error.details.reason === 'run_exists') return null;
      throw error;
    }
    logger.info('Schedule started a run', { flowId: version.flowId, runId, slot });
    await audit.record({
      actorId: null,
      action: 'schedule.fired',
      subjectType: 'flow',
      subjectId: version.flowId,
      details: {
        runId,
        slot: new Date(slot).toISOString(),
        versionNumber: version.number,
        lateMs: now - slot,
      },
    });
    return runId;
  }

  function launch(entry: PublishedSchedule, slot: number, now: number): Promise<string | null> {
    const runId = scheduledRunId(entry.version.flowId, slot);
    const running = inFlight.get(runId);
    if (running) return running.then(() => null);
    // A run's first steps run inside startRun: ticks go on while it does.
    const start = startSlot(entry, slot, now)
      .catch((error: unknown) => {
        logger.error('A scheduled run could not start', { flowId: entry.version.flowId, error });
        return null;
      })
      .finally(() => inFlight.delete(runId));
    inFlight.set(runId, start);
    return start;
  }

  /** Lists the published flows and launches the due slots; resolves once they are launched. */
  async function launchDue(): Promise<Promise<string | null>[]> {
    const now = clock.now().getTime();
    const starts: Promise<string | null>[] = [];
    const listed = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await store.flows.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      for (const flow of page.items) {
        if (flow.publishedVersion === null) continue;
        listed.add(flow.id);
        try {
          const chain = await versionsInForce(flow.id, flow.publishedVersion, now - graceMs);
          const due = dueSlot(chain, now);
          if (due) starts.push(launch(due.entry, due.slot, now));
        } catch (error) {
          logger.error('A flow’s schedule could not be read', { flowId: flow.id, error });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    // Deleted flows are not listed: forget them.
    for (const flowId of published.keys()) if (!listed.has(flowId)) published.delete(flowId);
    return starts;
  }

  async function tick(): Promise<string[]> {
    const started = await Promise.all(await launchDue());
    return started.filter((id): id is string => id !== null);
  }

  // A long first step of a started run does not hold up the next pass (launchDue does not wait
  // for the runs it starts; stop does).
  const periodic = periodicPass(launchDue, { tickMs, logger, failure: 'The schedule pass failed' });
  return {
    tick,
    start: periodic.start,
    async stop() {
      await periodic.stop();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
