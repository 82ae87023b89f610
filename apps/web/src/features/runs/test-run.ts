/**
 * Test runs: started from the flow editor to try a flow out. They send nothing (publish steps
 * render what they would send, `wouldSend`) and their checkpoints ask only the designer who
 * started them. The run and its tasks carry `test: true`; real runs carry no `test` at all.
 */

/** Whether a run (or a task) as the API sends it belongs to a test run. */
export function isTestRun(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { test?: unknown }).test === true;
}

/** The runs list's Kind filter: every run, real runs only, or test runs only (`?test=`). */
export type RunKind = '' | 'real' | 'test';

export const RUN_KIND_CHOICES: readonly { value: RunKind; label: string }[] = [
  { value: '', label: 'All runs' },
  { value: 'real', label: 'Real runs' },
  { value: 'test', label: 'Test runs' },
];

/** The Kind filter of the address's `test` parameter ("true", "false", or absent). */
export function runKindOf(test: string | null): RunKind {
  return test === 'true' ? 'test' : test === 'false' ? 'real' : '';
}

/** The address's (and the API's) `test` parameter for a Kind choice; null leaves it out. */
export function testParamOf(kind: RunKind): 'true' | 'false' | null {
  return kind === 'test' ? 'true' : kind === 'real' ? 'false' : null;
}

/** Whether a run belongs in a list filtered by kind. */
export function matchesRunKind(run: unknown, kind: RunKind): boolean {
  if (kind === '') return true;
  return isTestRun(run) === (kind === 'test');
}

/** What the run page says of a test run, above everything else. */
export const TEST_RUN_NOTICE =
  'This is a test run: nothing was sent or saved to the library, and its checkpoints asked only the person who started it.';
