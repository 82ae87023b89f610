import type { Evidence, Recommendation } from '@tandem/schema';

/**
 * What a "Flagged" figure counts: managers read it as "flagged by a reviewer" or did not know.
 * Said in words under the figures, with what flagging means for the levels.
 */
export const FLAGGED_NOTE =
  'Flagged by checks: items a check step (brand, budget) flagged before review. Flagged items wait for a reviewer at every level except Auto.';

/**
 * Why the recommendation's numbers differ from the figures: it weighs only the latest decisions
 * ("29 of the last 30"), or only those on items that passed the checks, while the figures count
 * every one ("Decisions 37"), and the page did not say so. Null when they count the same.
 */
export function recommendationScope(
  evidence: Pick<Evidence, 'decisions'> | null,
  rec: Pick<Recommendation, 'reason'> | null,
): string | null {
  if (!evidence || !rec) return null;
  const window = rec.reason.match(/\bof the last (\d+)\b/);
  const last = window ? Number(window[1]) : null;
  const clean = /passed the checks/.test(rec.reason);
  const all = `the figures count all ${evidence.decisions}`;
  if (last !== null && last < evidence.decisions)
    return `The recommendation weighs only the last ${last} decisions${clean ? ' on items that passed the checks' : ''}, so recent work counts most; ${all}.`;
  if (clean)
    return `The recommendation counts only decisions on items that passed the checks; ${all}, flagged ones included.`;
  return null;
}
