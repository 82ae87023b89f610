import type { Step } from '@tandem/schema';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { newStep, readiness } from './run-state.js';
import { runInlineStep } from './inline-step.js';
import type { RunWrites } from './run-writes.js';

/**
 * Writes a step for every node that became ready (or skipped) and collects what to run:
 * `toRun`, steps to dispatch; `held`, steps started unwritten that already hold a slot.
 */
export type CreateReadySteps = (snap: RunSnapshot, toRun: Step[], held: Step[]) => Promise<void>;

export function createReadyStepsPass(engine: EngineContext, writes: RunWrites): CreateReadySteps {
  const { createStep, saveStep, unwritten } = writes;

  return async function createReadySteps(snap, toRun, held) {
    const { run, prepared, latest } = snap;
    const now = engine.now();
    for (const nodeId of prepared.order) {
      const type = prepared.index.nodes.get(nodeId)!.type;
      const existing = latest.get(nodeId);
      if (nodeId === prepared.triggerId) {
        if (!existing) {
          const trigger = newStep(run, nodeId, type, {
            id: engine.newId('step'),
            now,
            status: 'done',
            output: run.input,
            attempts: 1,
            startedAt: now,
            endedAt: now,
          });
          latest.set(nodeId, await createStep(trigger, run.flowId));
          snap.steps.push(latest.get(nodeId)!);
        }
        continue;
      }
      if (existing && existing.status !== 'pending') {
        if (existing.status === 'running' && !engine.inFlight.has(existing.id))
          toRun.push(existing);
        continue;
      }
      const state = readiness(prepared, latest, nodeId);
      if (state === 'blocked') continue;
      if (existing) {
        if (state === 'skip')
          latest.set(nodeId, await saveStep({ ...existing, status: 'skipped', endedAt: now }));
        else if (!existing.wakeAt || existing.wakeAt <= now) toRun.push(existing);
        continue;
      }
      if (state === 'ready') {
        const finished = await runInlineStep(engine, snap, nodeId, type, createStep);
        if (finished) {
          latest.set(nodeId, finished);
          snap.steps.push(finished);
          continue;
        }
      }
      // A step that can start at once starts unwritten: it is written when it ends, or as
      // running if it runs longer than a moment (UnwrittenStarts). With a shared queue a
      // worker takes the step; this process holds no slot for it.
      if (state === 'ready' && !engine.queue && engine.slots.tryAcquire(run.flowId)) {
        const started = newStep(run, nodeId, type, {
          id: engine.newId('step'),
          now,
          status: 'running',
          attempts: 1,
          startedAt: now,
        });
        unwritten.hold(started);
        latest.set(nodeId, started);
        snap.steps.push(started);
        held.push(started);
        continue;
      }
      const created = await createStep(
        newStep(run, nodeId, type, {
          id: engine.newId('step'),
          now,
          status: state === 'skip' ? 'skipped' : 'pending',
          ...(state === 'skip' ? { endedAt: now } : {}),
        }),
        run.flowId,
      );
      latest.set(nodeId, created);
      snap.steps.push(created);
      if (state === 'ready') toRun.push(created);
    }
  };
}
