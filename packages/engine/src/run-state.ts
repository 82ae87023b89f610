import type { Run, RunStatus, RunWait, Step, StepStatus } from '@tandem/schema';
import { edgeSourceHandle } from '@tandem/nodes';
import type { PreparedVersion } from './engine-context.js';

export const TERMINAL_RUN: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'canceled']);
const SETTLED: ReadonlySet<StepStatus> = new Set(['done', 'skipped']);

/** The newest iteration of each node's step: request-changes rounds add iterations. */
export function latestByNode(steps: readonly Step[]): Map<string, Step> {
  const latest = new Map<string, Step>();
  for (const step of steps) {
    const current = latest.get(step.nodeId);
    if (!current || step.iteration > current.iteration) latest.set(step.nodeId, step);
  }
  return latest;
}

export type Readiness = 'blocked' | 'ready' | 'skip';

/**
 * A node runs once every predecessor has settled and at least one incoming edge carries the
 * branch its source took; when all settled and none does, the node is skipped (and so on down).
 */
export function readiness(
  prepared: PreparedVersion,
  latest: ReadonlyMap<string, Step>,
  nodeId: string,
): Readiness {
  const incoming = prepared.index.incoming.get(nodeId) ?? [];
  let active = false;
  for (const edge of incoming) {
    const source = latest.get(edge.source);
    if (!source || !SETTLED.has(source.status)) return 'blocked';
    if (source.status !== 'done') continue;
    const handle = edgeSourceHandle(prepared.definitions.get(edge.source), edge.sourceHandle);
    if (source.handle === null || source.handle === handle) active = true;
  }
  return active ? 'ready' : 'skip';
}

export function newStep(
  run: Run,
  nodeId: string,
  type: string,
  fields: { id: string; now: string; iteration?: number; status: StepStatus } & Partial<Step>,
): Step {
  const { id, now, iteration, status, ...rest } = fields;
  return {
    id,
    runId: run.id,
    nodeId,
    type,
    status,
    iteration: iteration ?? 0,
    output: null,
    handle: null,
    error: null,
    attempts: 0,
    wakeAt: null,
    state: {},
    usage: null,
    startedAt: null,
    endedAt: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
    ...rest,
  };
}

/** running while anything can move, waiting while only humans or timers hold it, else done. */
export function derivedRunStatus(
  latest: ReadonlyMap<string, Step>,
): 'running' | 'waiting' | 'finished' {
  let waiting = false;
  for (const step of latest.values()) {
    if (step.status === 'pending' || step.status === 'running') return 'running';
    if (step.status === 'waiting') waiting = true;
  }
  return waiting ? 'waiting' : 'finished';
}

/** What holds a waiting run: a checkpoint waiting for a person, else only timers. */
export function runWaitsFor(latest: ReadonlyMap<string, Step>): RunWait {
  for (const step of latest.values()) {
    if (step.status === 'waiting' && step.type === 'human.review') return 'review';
  }
  return 'timer';
}

/**
 * The run as it is saved. What holds a run is only said while it waits: a run moved on by any
 * path (a decision, a cancel, a replay) must not keep saying "waiting for review". Its outcome
 * is only said once it succeeded.
 */
export function runToSave(run: Run): Run {
  const { waitingFor, outcome, ...rest } = run;
  return {
    ...rest,
    ...(run.status === 'waiting' && waitingFor ? { waitingFor } : {}),
    ...(run.status === 'succeeded' && outcome ? { outcome } : {}),
  };
}

export function sumUsage(steps: Iterable<Step>): Run['usage'] {
  const usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };
  for (const step of steps) {
    if (!step.usage) continue;
    usage.promptTokens += step.usage.promptTokens;
    usage.completionTokens += step.usage.completionTokens;
    usage.costUsd += step.usage.costUsd;
  }
  return usage;
}
