import type { AutomationLevel, Evidence, Recommendation } from '@tandem/schema';
import { LEVEL_HELP, LEVEL_LABELS, levelStep } from './automation-view.js';

/*
 * What a level change would mean, in counts rather than rates, shown before the manager applies
 * it. The form said only "Change from Review all to Spot check"; what each level does sat in a
 * tooltip, and the evidence in a table of percentages beside it, so a manager had to work out
 * for themselves how many items reviewers had been stopping that would now go out unread.
 */

export interface LevelConsequence {
  /** What the change does to this checkpoint's items, with the evidence behind it. */
  text: string;
  /** Set when the change goes further than the evidence supports. */
  warning: string | null;
}

/** Where items pass without a reviewer at `level`, and what is still read. */
function whatPasses(level: AutomationLevel, samplePercent: string): string {
  const percent = Number(samplePercent);
  const sample =
    samplePercent.trim() !== '' && percent >= 0 && percent <= 100 ? `${percent}%` : null;
  const label = LEVEL_LABELS[level];
  switch (level) {
    case 'review_flagged':
      return `At ${label}, clean items like these pass without a reviewer${sample ? `; ${sample} of them are still reviewed first` : ''}. Flagged items still wait.`;
    case 'spot_check':
      return `At ${label}, clean items like these go out without a reviewer reading them first${sample ? `; ${sample} of them are read after publishing` : ''}. Flagged items still wait.`;
    case 'auto':
      return `At ${label}, all of them would go out without a reviewer, flagged items included.`;
    case 'review_all':
      return LEVEL_HELP.review_all;
  }
}

/** "6 edited, 6 rejected": the decisions that were not a plain approval, by kind. */
function fixes(e: Evidence): { total: number; parts: string[] } {
  const count = (rate: number) => Math.round(rate * e.decisions);
  const kinds: [number, string][] = [
    [count(e.editRate), 'edited'],
    [count(e.changesRequestedRate), 'sent back for changes'],
    [count(e.rejectionRate), 'rejected'],
  ];
  const shown = kinds.filter(([n]) => n > 0);
  return {
    total: shown.reduce((sum, [n]) => sum + n, 0),
    parts: shown.map(([n, what]) => `${n} ${what}`),
  };
}

/**
 * "about 1 in 3": a share a reader need not convert from a percentage. Large shares get words
 * ("nearly all" was once said of 2 out of 2).
 */
function oneIn(part: number, whole: number): string {
  if (part >= whole) return 'all of them';
  if (part / whole >= 0.9) return 'nearly all';
  if (part / whole > 0.5) return 'more than half';
  return `about 1 in ${Math.round(whole / part)}`;
}

export function levelConsequence(
  from: AutomationLevel,
  to: AutomationLevel,
  evidence: Evidence | null | undefined,
  samplePercent: string,
  recommendation: Recommendation | null | undefined,
): LevelConsequence | null {
  const step = levelStep(from, to);
  if (step === 0) return null;
  if (step < 0) {
    return {
      text: `${LEVEL_HELP[to]} Reviewers get more of this checkpoint's items to decide.`,
      warning: null,
    };
  }
  const passes = whatPasses(to, samplePercent);
  const supported =
    recommendation?.direction === 'raise' &&
    recommendation.to !== null &&
    levelStep(recommendation.to, to) <= 0;
  const warning = supported
    ? null
    : recommendation
      ? `Further than the evidence supports: ${recommendation.reason.replace(/\.$/, '')}.`
      : 'No recommendation supports this yet.';
  if (!evidence || evidence.decisions === 0) {
    return {
      text: `No decisions here yet, so nothing shows how often reviewers fix or stop these items. ${passes}`,
      warning,
    };
  }
  const { total, parts } = fixes(evidence);
  const record =
    total === 0
      ? `Reviewers approved all of the last ${evidence.decisions} items here as they were.`
      : `Of the last ${evidence.decisions} items here, reviewers fixed or stopped ${total} (${oneIn(total, evidence.decisions)}): ${parts.join(', ')}.`;
  return { text: `${record} ${passes}`, warning };
}
