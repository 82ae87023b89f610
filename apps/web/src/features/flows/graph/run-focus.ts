/**
 * The step a test run is at, for the canvas to keep in view: the one waiting for a reviewer
 * first (the run stands still until someone acts on it), else the one running. Null when the run
 * is at no step (not started yet, or finished).
 */
export function runFocusStep(steps: Readonly<Record<string, { status: string }>>): string | null {
  const entries = Object.entries(steps);
  const waiting = entries.find(([, s]) => s.status === 'waiting');
  if (waiting) return waiting[0];
  return entries.find(([, s]) => s.status === 'running')?.[0] ?? null;
}
