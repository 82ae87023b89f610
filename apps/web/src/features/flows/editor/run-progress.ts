/**
 * The run bar's progress in words. While the run goes on: steps done out of the flow's steps.
 * Once it is over, steps on a path the run did not take never run, so "3 of 6 steps done" would
 * read like a run that stopped halfway: it says what ran, and what was skipped.
 */
export function runProgressText(
  runStatus: string,
  stepStatuses: readonly string[],
  flowSteps: number,
): string {
  const count = (status: string) => stepStatuses.filter((s) => s === status).length;
  const done = count('done');
  const over = runStatus === 'succeeded' || runStatus === 'failed' || runStatus === 'canceled';
  if (!over) return `${done} of ${Math.max(flowSteps, stepStatuses.length)} steps done`;
  const skipped = count('skipped');
  const ran = `${done} ${done === 1 ? 'step' : 'steps'} ran`;
  return skipped > 0 ? `${ran}, ${skipped} skipped` : ran;
}
