import type { Evidence, Recommendation } from '@tandem/schema';

/**
 * What a "Flagged" figure counts: managers read it as "flagged by a reviewer" or did not know.
 * Said in words under the figures, with what flagging means for the levels.
 */
export const FLAGGED_NOTE =
  'Flagged by checks: items a check step (brand, budget) flagged before review. Flagged items wait for a reviewer at every level except Auto.';

/**
 * Why the recommendation's numbers differ from the figures: it weighs only the latest decisions
 * ("29 of the last 30"), while the figures count every one ("Decisions 37"), and the page did
 * not say so. Null when the recommendation names no window, or its window is all there is.
 */
export function recommendationScope(
  evidence: Pick<Evidence, 'decisions'> | null,
  rec: Pick<Recommendation, 'reason'> | null,
): string | null {
  const window = rec?.reason.match(/\bof the last (\d+)\b/);
  if (!evidence || !window) return null;
  const last = Number(window[1]);
  if (last >= evidence.decisions) return null;
  return `The recommendation weighs only the last ${last} decisions, so recent work counts most; the figures count all ${evidence.decisions}.`;
}
