import { isAppError } from '@tandem/schema';
import type { RunOutcome, Step, StorePort } from '@tandem/schema';
import type { Logger } from '@tandem/nodes';

/**
 * What a succeeded run came to, from all its steps (every iteration). A rejection that another
 * review approved (a loop back, another path) is not the outcome; a publish step that sent its
 * content out makes it `published` whatever a review said.
 */
export function runOutcomeOf(
  steps: readonly Pick<Step, 'type' | 'status' | 'output'>[],
): RunOutcome {
  // A test run's publish step only showed what it would have sent.
  const sent = (s: Pick<Step, 'type' | 'status' | 'output'>) =>
    s.type.startsWith('publish.') &&
    s.status === 'done' &&
    (s.output as { test?: unknown } | null)?.test !== true;
  if (steps.some(sent)) return 'published';
  const decided = (approved: boolean) =>
    steps.some(
      (s) =>
        s.type === 'human.review' &&
        s.status === 'done' &&
        (s.output as { approved?: unknown } | null)?.approved === approved,
    );
  return decided(false) && !decided(true) ? 'rejected' : 'completed';
}

/**
 * Records the outcome of runs that succeeded before outcomes were recorded at the finish. Run
 * once at start-up, it reads each such run's steps once; later start-ups find none (the store
 * indexes succeeded runs by outcome), so the runs list never reads steps to say what a run
 * came to. The run's `updatedAt` stays: nothing about the run changed, only what is known.
 */
export async function recordMissingOutcomes(
  store: StorePort,
  logger: Pick<Logger, 'info'>,
): Promise<number> {
  let recorded = 0;
  let cursor: string | undefined;
  do {
    const page = await store.runs.list({
      status: ['succeeded'],
      outcome: null,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const run of page.items) {
      const outcome = runOutcomeOf(await store.steps.listByRun(run.id));
      try {
        await store.runs.update({ ...run, outcome });
        recorded += 1;
      } catch (error) {
        // Another process recording the same run at its own start-up got there first.
        if (!isAppError(error, 'CONFLICT')) throw error;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (recorded > 0)
    logger.info('recorded the outcome of runs finished before it was kept', { recorded });
  return recorded;
}
