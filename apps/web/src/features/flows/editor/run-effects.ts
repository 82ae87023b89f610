/** What each publishing step does outside Tandem when a run reaches it, in words. */
const SENDS: Record<string, string> = {
  'publish.wordpress': 'posts to WordPress',
  'publish.slack': 'posts to Slack',
  'publish.email': 'sends email',
  'publish.webhook': 'calls a webhook',
};

/** Joins phrases as a sentence does: "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * What a real run does outside Tandem, from the steps of the flow it runs, or null when it
 * touches nothing outside Tandem. Said only when the designer chooses a real run over a test
 * run: its WordPress post goes live and its review tasks reach reviewers.
 */
export function realRunEffects(stepTypes: readonly string[]): string | null {
  const sends = [...new Set(stepTypes.map((t) => SENDS[t]).filter((s): s is string => !!s))];
  const reviews = stepTypes.includes('human.review');
  if (sends.length === 0 && !reviews) return null;
  const parts = [
    ...(sends.length ? [`it ${listed(sends)}`] : []),
    ...(reviews ? ["its review tasks go to real reviewers' inboxes"] : []),
  ];
  return `This is a real run: ${parts.join(', and ')}.`;
}

/** Which kind of run the Test run dialog starts. */
export type RunMode = 'test' | 'real';

/** The two choices, in the dialog's words: what each does, said before it starts. */
export const RUN_MODES: readonly { mode: RunMode; title: string; detail: string }[] = [
  {
    mode: 'test',
    title: 'Test run',
    detail: 'Nothing is sent; checkpoints ask you.',
  },
  {
    mode: 'real',
    title: 'Real run',
    detail: 'Publishes for real; tasks go to your reviewers.',
  },
];

/**
 * The dialog's start button, for the chosen kind of run, whether the draft is published first,
 * and whether its schedule is published paused (the button says so: it is not what "Publish" does).
 */
export function startRunLabel(
  mode: RunMode,
  publishFirst: boolean,
  pausedSchedule = false,
): string {
  const run = mode === 'test' ? 'test run' : 'real run';
  if (!publishFirst) return `Start ${run}`;
  return pausedSchedule ? `Publish paused and start ${run}` : `Publish and start ${run}`;
}

/** The body of `POST /api/flows/:id/runs`: a test run unless the designer chose a real one. */
export function runStartBody(
  input: Record<string, string | number>,
  mode: RunMode,
): { input: Record<string, string | number>; test: boolean } {
  return { input, test: mode === 'test' };
}
