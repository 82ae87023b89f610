import type { Run, Step, StorePort } from '@tandem/schema';

/**
 * What a finished run came to, where its status alone misleads: `rejected` when it succeeded
 * (every step ran to its end) but a reviewer rejected the content and nothing was published.
 * The runs list showed such a run as a green "Succeeded", which read as "it went out".
 */
export type RunOutcome = 'rejected';

export function runOutcomeOf(
  run: Pick<Run, 'status'>,
  steps: readonly Pick<Step, 'type' | 'status' | 'output'>[],
): RunOutcome | undefined {
  if (run.status !== 'succeeded') return undefined;
  if (steps.some((s) => s.type.startsWith('publish.') && s.status === 'done')) return undefined;
  const decided = (approved: boolean) =>
    steps.some(
      (s) =>
        s.type === 'human.review' &&
        s.status === 'done' &&
        (s.output as { approved?: unknown } | null)?.approved === approved,
    );
  // A rejection another review later approved (a loop back, another path) is not the outcome.
  return decided(false) && !decided(true) ? 'rejected' : undefined;
}

/**
 * A page of runs with the outcome of each succeeded one. Only succeeded runs need their steps
 * read, one query each, for a page of at most the page limit.
 */
export async function withOutcomes<R extends Run>(
  store: StorePort,
  runs: readonly R[],
): Promise<(R & { outcome?: RunOutcome })[]> {
  return Promise.all(
    runs.map(async (run) => {
      if (run.status !== 'succeeded') return run;
      const outcome = runOutcomeOf(run, await store.steps.listByRun(run.id));
      return outcome ? { ...run, outcome } : run;
    }),
  );
}
