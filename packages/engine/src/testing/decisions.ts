import { isAppError } from '@tandem/schema';
import { designer } from './harness.js';
import type { Harness } from './harness.js';

/** Starts one run of the flow and waits for its first open task (the checkpoint to decide). */
export async function startOne(h: Harness, flowId: string, startedBy = designer.id) {
  const run = await h.engine.startRun({ flowId, input: { topic: 'Launch' }, startedBy });
  await h.engine.idle();
  const task = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
  return { run, task };
}

/** The error code of an app error (what a refused call answered), or the error as text. */
export const code = (error: unknown) => (isAppError(error) ? error.code : String(error));
