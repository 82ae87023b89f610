import { AppError, CANCELED_BEFORE_SENDING, isAppError } from '@tandem/schema';
import type { EngineContext } from './engine-context.js';

/**
 * A publish refused because its run was canceled. Its message is the reason settled publications
 * carry too, a schema constant so the pages tell them from a send a cancel cut off.
 */
export function canceledBeforeSending(): AppError {
  return new AppError({ code: 'CANCELED', origin: 'user', message: CANCELED_BEFORE_SENDING });
}

/**
 * A cancel gives up the run's publications that wait for a send (a replayed dead letter marked
 * `pending`, a failed one waiting for its retry): nothing of a canceled run is sent, and they
 * said "pending" for good. `dead` is the settled "will not be sent" the dead letters read with
 * the run's status; a `sending` one is left to the abort of its step, which settles it.
 */
export async function settleUnsentPublications(engine: EngineContext, runId: string) {
  const { store } = engine;
  let cursor: string | undefined;
  do {
    const page = await store.publications.list({
      runId,
      status: ['pending', 'failed'],
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const publication of page.items) {
      try {
        const settled = await store.publications.update({
          ...publication,
          status: 'dead',
          error: CANCELED_BEFORE_SENDING,
          updatedAt: engine.now(),
        });
        engine.emit({ type: 'publication.updated', publication: settled });
      } catch (error) {
        // Moved to `sending` meanwhile: its step is being aborted and records the outcome.
        if (!isAppError(error, 'CONFLICT')) throw error;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
}
