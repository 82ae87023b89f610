import type { RunOutcome, RunStatus } from '@tandem/schema';

/**
 * The statuses a runs list asks for. Only a succeeded run has an outcome, so a list filtered
 * by one asks for succeeded runs when it names no status: the same rows, and the (status,
 * outcome, created) index then answers it, which it cannot from the outcome alone.
 */
export function runStatusesFor(
  options: { status?: RunStatus[]; outcome?: RunOutcome | null } | undefined,
): RunStatus[] | undefined {
  if (options?.status !== undefined) return options.status;
  return options?.outcome ? ['succeeded'] : undefined;
}
