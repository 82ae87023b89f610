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
 * What a test run does for real, from the steps of the flow it runs, or null when it touches
 * nothing outside Tandem. A test run is a real run (there is no dry run): a designer trying the
 * flow out was not told that its WordPress post goes live and its review tasks reach reviewers.
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
