import type { Flag } from '@tandem/schema';
import type { ContextStep } from './inbox-api.js';

/*
 * What a flag asks of the reviewer. A flag said what a check found ("Banned phrase ...") but not
 * which check, where it is or what to do about it; a reviewer new to the checks approved flagged
 * text not knowing that approving publishes it as it is.
 */

/** What to do about a flag of each rule the checks raise; keys name the keys to press. */
const ADVICE: Record<string, string> = {
  banned_phrase: 'Reword or remove it: press e to edit.',
  preferred_term: 'Swap in the preferred term: press e to edit.',
  missing_disclaimer: 'Add the disclaimer before approving: press e to edit.',
  too_long: 'Shorten it (e), or ask the AI for a shorter draft (c).',
  too_short: 'Add to it (e), or ask the AI for a fuller draft (c).',
  unsupported_claim: 'Soften the claim, or keep it only if it is backed: press e to edit.',
  link_not_allowed: 'Change or remove the link: press e to edit.',
  contact_details: 'Keep it only if it is meant to be published: press e to edit.',
};
const FALLBACK = 'Fix it in the text (e), send it back (c) or reject it (r).';

export function flagAdvice(flag: Pick<Flag, 'rule'>): string {
  return ADVICE[flag.rule] ?? FALLBACK;
}

/** "Brand check": the step that raised the flags, named as the flow names it; null if unknown. */
export function flagSources(
  flags: readonly Flag[],
  context: readonly ContextStep[] = [],
): string[] {
  const names = flags.map((flag) => {
    const step = context.find((s) => s.nodeId === flag.nodeId);
    return step?.label || null;
  });
  return [...new Set(names.filter((name): name is string => name !== null))];
}

/** Where a flag's text is: "marked 2 times in the text", or null for a flag about the whole. */
export function flagPlace(flag: Pick<Flag, 'match'>, text: string): string | null {
  if (!flag.match) return null;
  const count = text.toLowerCase().split(flag.match.toLowerCase()).length - 1;
  if (count === 0) return null;
  return count === 1 ? 'marked in the text below' : `marked ${count} times in the text below`;
}
