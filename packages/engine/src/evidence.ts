import type { AutomationLevel, Evidence, Feedback, Recommendation } from '@tandem/schema';
import { countWords } from '@tandem/nodes';
import { nextLevel } from './automation-policy.js';

export interface EvidenceThresholds {
  /** Raise when the last `raiseWindow` decisions (at least that many) were nearly all clean. */
  raiseWindow: number;
  raiseMinUneditedRate: number;
  /** Lower when too many of the last `lowerWindow` sampled items went badly. */
  lowerWindow: number;
  lowerMinBadRate: number;
  /** An edit of at least this many words, or this share of the original, is "heavy". */
  heavyEditWords: number;
  heavyEditShare: number;
  /** How many recent decisions the evidence covers. */
  evidenceWindow: number;
}

export const DEFAULT_EVIDENCE_THRESHOLDS: EvidenceThresholds = {
  raiseWindow: 30,
  raiseMinUneditedRate: 0.95,
  lowerWindow: 20,
  lowerMinBadRate: 0.15,
  heavyEditWords: 20,
  heavyEditShare: 0.25,
  evidenceWindow: 200,
};

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const isApproval = (f: Feedback) => f.action === 'approve' || f.action === 'edit';
const isUneditedApproval = (f: Feedback) => isApproval(f) && f.editSize === 0;

/** Counts and rates over feedback (newest first), as the automation console shows them. */
export function computeEvidence(feedback: readonly Feedback[]): Evidence {
  const n = feedback.length;
  const unedited = feedback.filter(isUneditedApproval).length;
  const edited = feedback.filter((f) => isApproval(f) && f.editSize > 0);
  return {
    decisions: n,
    approvedUnedited: unedited,
    unEditedApprovalRate: rate(unedited, n),
    editRate: rate(edited.length, n),
    meanEditSize:
      edited.length === 0 ? 0 : edited.reduce((s, f) => s + f.editSize, 0) / edited.length,
    changesRequestedRate: rate(feedback.filter((f) => f.action === 'request_changes').length, n),
    rejectionRate: rate(feedback.filter((f) => f.action === 'reject').length, n),
    flaggedRate: rate(feedback.filter((f) => f.flagged).length, n),
    medianTimeToDecideMs: median(feedback.map((f) => f.timeToDecideMs)),
  };
}

export function isHeavyEdit(f: Feedback, t: EvidenceThresholds): boolean {
  if (f.editSize === 0) return false;
  return (
    f.editSize >= t.heavyEditWords ||
    f.editSize >= t.heavyEditShare * Math.max(1, countWords(f.original))
  );
}

/**
 * A suggestion to raise or lower the level, with the numbers behind it in plain words. Only
 * decisions made after `current.since` (when a manager last changed the level) count: the
 * decisions that earned a raise (or a lowering) must not earn the next step as well, or one run
 * of 30 clean approvals would walk a checkpoint from review all to auto without a single item
 * seen at the levels in between.
 */
export function recommendLevel(
  all: readonly Feedback[],
  current: { level: AutomationLevel; locked: boolean; since?: string | null },
  t: EvidenceThresholds,
): Recommendation {
  if (current.locked) {
    // The console shows the lock itself; this says only why there is no suggestion.
    return { direction: 'keep', to: null, reason: 'No suggestion while the checkpoint is locked' };
  }
  // At auto no reviewer sees an item, so no decision comes after the change: what reviewers saw
  // before it is all the evidence there is.
  const since = current.level === 'auto' ? null : current.since;
  const feedback = since ? all.filter((f) => f.createdAt > since) : all;
  const lower = nextLevel(current.level, 'lower');
  const raise = nextLevel(current.level, 'raise');
  // Flagged items wait for a reviewer at every level but auto, so only a move to or from auto
  // changes what happens to them: every other move is judged on clean items alone, and an item
  // the checks rightly caught is no reason to lower, nor a rejection that blocks a raise.
  const clean = feedback.filter((f) => !f.flagged);
  const lowerJudges = current.level === 'auto' ? feedback : clean;
  const raiseJudges = raise === 'auto' ? feedback : clean;
  // "That passed the checks" only where it makes a difference, so a count never seems to miss
  // decisions.
  const unflagged = (list: readonly Feedback[]): boolean =>
    list === clean && clean.length !== feedback.length;
  const counted = (list: readonly Feedback[]): string =>
    `${decisions(list.length)}${unflagged(list) ? ' on items that passed the checks' : ''} ${
      since ? 'since the level was last changed' : 'so far'
    }`;
  // The evidence beside a suggestion counts every decision in its window: say where the
  // decisions made before the last change went.
  const earlier = all.length - feedback.length;
  const withEarlier = (reason: string): string =>
    earlier > 0
      ? `${reason}. ${earlier === 1 ? '1 earlier decision' : `${earlier} earlier decisions`} counted toward the previous level`
      : reason;

  const sampled = feedback.filter((f) => f.sampled);
  const usesSamples = sampled.length >= t.lowerWindow;
  const pool = (usesSamples ? sampled : lowerJudges).slice(0, t.lowerWindow);
  const which = usesSamples ? ' sampled' : '';
  const passed = !usesSamples && unflagged(lowerJudges) ? ' that passed the checks' : '';
  const bad = pool.filter(
    (f) => f.action === 'reject' || f.action === 'request_changes' || isHeavyEdit(f, t),
  );
  if (lower && pool.length >= t.lowerWindow && rate(bad.length, pool.length) >= t.lowerMinBadRate) {
    return {
      direction: 'lower',
      to: lower,
      reason: `${bad.length} of the last ${pool.length}${which} items${passed} were rejected, sent back or heavily edited (more review is suggested from ${Math.round(t.lowerMinBadRate * 100)}%)`,
    };
  }
  const recent = raiseJudges.slice(0, t.raiseWindow);
  if (raise && recent.length >= t.raiseWindow) {
    const unedited = recent.filter(isUneditedApproval).length;
    const rejected = recent.filter((f) => f.action === 'reject').length;
    const items = unflagged(raiseJudges) ? ' items that passed the checks' : '';
    if (rate(unedited, recent.length) >= t.raiseMinUneditedRate && rejected === 0) {
      return {
        direction: 'raise',
        to: raise,
        reason: `${unedited} of the last ${recent.length}${items} approved unedited and none rejected`,
      };
    }
    return {
      direction: 'keep',
      to: null,
      reason: `${unedited} of the last ${recent.length}${items} approved unedited, ${rejected} rejected; more automation needs ${Math.ceil(t.raiseMinUneditedRate * 100)}% approved unedited and no rejection`,
    };
  }
  // Say what the evidence for lowering is, not that all is well when it is thin: five
  // rejections out of five are no reason to talk only about raising.
  const badWords = 'rejected, sent back or heavily edited';
  const bads = lower && bad.length > 0 ? ` (${bad.length} ${badWords})` : '';
  const toLower =
    lower && pool.length < t.lowerWindow
      ? `at least ${t.lowerWindow} are needed to judge whether more review is needed`
      : null;
  if (raise) {
    return {
      direction: 'keep',
      to: null,
      reason: withEarlier(
        bads && toLower
          ? `${counted(lowerJudges)}${bads}; ${toLower}, ${t.raiseWindow} before suggesting more automation`
          : `${counted(raiseJudges)}${bads}; at least ${t.raiseWindow} are needed before suggesting more automation`,
      ),
    };
  }
  if (toLower) {
    return {
      direction: 'keep',
      to: null,
      reason: `Fully automated; ${counted(lowerJudges)}${bads}, ${toLower}`,
    };
  }
  return {
    direction: 'keep',
    to: null,
    reason: `Fully automated; ${bad.length} of the last ${pool.length}${which} items ${bad.length === 1 ? 'was' : 'were'} ${badWords} (more review is suggested from ${Math.round(t.lowerMinBadRate * 100)}%)`,
  };
}

function decisions(n: number): string {
  return `${n} ${n === 1 ? 'decision' : 'decisions'}`;
}

/** Evidence per prompt version (newest version first), so a designer sees whether a change helped. */
export function evidenceByPromptVersion(
  feedback: readonly Feedback[],
): { promptVersion: string | null; evidence: Evidence }[] {
  const groups = new Map<string | null, Feedback[]>();
  for (const item of feedback) {
    const list = groups.get(item.promptVersion) ?? [];
    list.push(item);
    groups.set(item.promptVersion, list);
  }
  return [...groups].map(([promptVersion, items]) => ({
    promptVersion,
    evidence: computeEvidence(items),
  }));
}
