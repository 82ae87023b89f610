import { isAppError } from '@tandem/schema';
import type { Step } from '@tandem/schema';
import { automationIfAuto, passAtAuto } from './checkpoint.js';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { newStep } from './run-state.js';
import { buildNodeContext, finishedStep, noPublishing } from './step-context.js';

/** Inline nodes settle within the pass: nothing can cancel them midway. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * An `inline` node (pure and quick) runs within the engine's pass that finds it ready, and its
 * step is written once, finished; nodes after it become ready in the same pass. Null when the
 * node is not inline or did not simply finish: the usual path then runs it again and records
 * what happens (a failure, with its retries).
 */
export async function runInlineStep(
  engine: EngineContext,
  snap: RunSnapshot,
  nodeId: string,
  type: string,
  createStep: (step: Step, flowId: string) => Promise<Step>,
): Promise<Step | null> {
  const definition = snap.prepared.definitions.get(nodeId)!;
  if (!definition.inline) return null;
  // A checkpoint is decided here only at `auto`, where it needs no task and no random draw.
  const checkpoint = definition.resume !== undefined;
  const auto = checkpoint ? await automationIfAuto(engine, snap, nodeId) : null;
  if (checkpoint && !auto) return null;
  const now = engine.now();
  const step = newStep(snap.run, nodeId, type, {
    id: engine.newId('step'),
    now,
    status: 'running',
    attempts: 1,
    startedAt: now,
  });
  let finished: Step | null = null;
  try {
    const ctx = await buildNodeContext(engine, snap, step, noPublishing);
    const result = await definition.run({ ...ctx, signal: NEVER_ABORTED });
    if (result.kind === 'done') {
      finished = { ...finishedStep(step, result, engine.now()), usage: result.usage ?? null };
    } else if (result.kind === 'wait' && auto) {
      finished = passAtAuto(engine, auto, step, result.task, snap, ctx);
    }
  } catch {
    return null;
  }
  if (!finished) return null;
  try {
    return await createStep(finished, snap.run.flowId);
  } catch (error) {
    // Another pass wrote this node first: the pass retries from what is stored.
    if (isAppError(error, 'CONFLICT')) throw error;
    // The store refused the result (say, an output past the size limits): the usual path
    // runs the node again and records the failure on its step, as it would have.
    return null;
  }
}
