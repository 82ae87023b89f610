import {
  AUTOMATION_LEVELS,
  type AutomationLevel,
  type Evidence,
  type Feedback,
  type Recommendation,
} from '@tandem/schema';
import { formatDuration } from '../inbox/countdown.js';
import type { AutomationFlow, CheckpointAutomation, SuggestionEffect } from './automation-api.js';

export const LEVEL_LABELS: Record<AutomationLevel, string> = {
  review_all: 'Review all',
  review_flagged: 'Review flagged',
  spot_check: 'Spot check',
  auto: 'Auto',
};

export const LEVEL_HELP: Record<AutomationLevel, string> = {
  review_all: 'Every item waits for a reviewer.',
  review_flagged: 'Flagged items wait; clean items pass, a sample is still reviewed first.',
  spot_check: 'Flagged items wait; clean items pass, a sample is reviewed after publishing.',
  auto: 'Everything passes without a reviewer, flagged items included.',
};

/** The node type whose automation level the console sets: the human review step. */
export const CHECKPOINT_TYPE = 'human.review';

/**
 * The flow the console opens on when the address names none: the newest published flow with a
 * checkpoint the manager can tune, else the nearest thing to it. The newest flow is often a
 * designer's fresh draft without a review step, or one locked at review all, and a manager's
 * first view would be a page with nothing to change.
 */
export function defaultFlowId(
  flows: readonly Pick<AutomationFlow, 'id' | 'published' | 'checkpoints' | 'tunable'>[],
): string | null {
  const pick =
    flows.find((f) => f.published && f.tunable > 0) ??
    flows.find((f) => f.tunable > 0) ??
    flows.find((f) => f.checkpoints > 0) ??
    flows[0];
  return pick?.id ?? null;
}

/** Levels that use the sample rate. */
export function usesSampleRate(level: AutomationLevel): boolean {
  return level === 'review_flagged' || level === 'spot_check';
}

/** Positive when `to` hands more work to the AI than `from`. */
export function levelStep(from: AutomationLevel, to: AutomationLevel): number {
  return AUTOMATION_LEVELS.indexOf(to) - AUTOMATION_LEVELS.indexOf(from);
}

export function formatRate(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

function formatMs(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms);
}

export interface EvidenceRow {
  label: string;
  value: string;
  /** The count behind a rate, "1 of 2": shown smaller under it. */
  count?: string;
}

/**
 * `olderDecisions`: the server counts only the newest decisions (200); past that, "200" is no
 * longer how many there were, and the rates are those of the latest ones.
 */
export function evidenceRows(e: Evidence, olderDecisions = false): EvidenceRow[] {
  // With no decisions yet every rate is 0 of 0: "0% approved" would read as a verdict. Each rate
  // carries its count: "50%" of two decisions is one rejection, not a trend.
  const rate = (r: number, n = Math.round(r * e.decisions)): Omit<EvidenceRow, 'label'> =>
    e.decisions === 0 ? { value: '—' } : { value: formatRate(r), count: `${n} of ${e.decisions}` };
  return [
    olderDecisions
      ? { label: 'Decisions', value: `Latest ${e.decisions}`, count: 'older ones not counted' }
      : { label: 'Decisions', value: String(e.decisions) },
    { label: 'Approved unedited', ...rate(e.unEditedApprovalRate, e.approvedUnedited) },
    { label: 'Edited', ...rate(e.editRate) },
    { label: 'Changes requested', ...rate(e.changesRequestedRate) },
    { label: 'Rejected', ...rate(e.rejectionRate) },
    { label: 'Flagged by checks', ...rate(e.flaggedRate) },
    { label: 'Median time to decide', value: formatMs(e.medianTimeToDecideMs) },
  ];
}

/** The button text for a recommendation, or null when there is nothing to apply. */
export function recommendationAction(
  rec: Recommendation | null | undefined,
  current: AutomationLevel,
): string | null {
  if (!rec || rec.direction === 'keep' || !rec.to || rec.to === current) return null;
  return `${rec.direction === 'raise' ? 'Raise' : 'Lower'} to ${LEVEL_LABELS[rec.to]}`;
}

/** What following a recommendation would mean for the reviewers, or null when it changes nothing. */
export function recommendationOutcome(
  rec: Recommendation | null | undefined,
  current: AutomationLevel,
): string | null {
  if (!recommendationAction(rec, current) || !rec?.to) return null;
  return `If you ${rec.direction} it to ${LEVEL_LABELS[rec.to]}: ${LEVEL_HELP[rec.to]}`;
}

export interface ChangeDraft {
  level: AutomationLevel;
  /** Percent as typed, 0–100. */
  samplePercent: string;
  reason: string;
  /** Ticked to confirm that at Auto nothing waits for a reviewer, flagged items included. */
  confirmAuto?: boolean;
}

/**
 * The change form after a manager picks a level (null closes it). Picking the level already in
 * force changes nothing, so it closes the form, except at a sampled level, where the open form
 * stays to change just the sample rate. A reason already typed survives picking another level,
 * also across the level in force (arrowing through it closes the form): `typedReason` is the
 * reason of the last form closed that way.
 */
export function draftForPick(
  current: AutomationLevel,
  draft: ChangeDraft | null,
  picked: AutomationLevel,
  currentPercent: string,
  reason = '',
  typedReason = '',
): ChangeDraft | null {
  if (picked === current && (!draft || !usesSampleRate(picked))) return null;
  return {
    level: picked,
    samplePercent: draft?.samplePercent ?? currentPercent,
    reason: reason || draft?.reason || typedReason,
  };
}

export type ChangeField = 'samplePercent' | 'reason' | 'confirmAuto';

export type ChangeResult =
  | { ok: true; body: { level: AutomationLevel; sampleRate?: number; reason: string } }
  | { ok: false; errors: Partial<Record<ChangeField, string>> };

/**
 * Every change carries a reason for the audit trail; the sample rate is a percentage. Moving to
 * Auto takes an explicit confirmation: from then on no reviewer sees anything, flagged included.
 */
export function buildChange(draft: ChangeDraft): ChangeResult {
  const errors: Partial<Record<ChangeField, string>> = {};
  const reason = draft.reason.trim();
  if (!reason) errors.reason = 'Say why, for the audit trail';
  else if (reason.length > 2000) errors.reason = 'Keep it under 2,000 characters';
  let sampleRate: number | undefined;
  if (usesSampleRate(draft.level)) {
    const pct = Number(draft.samplePercent.trim());
    if (draft.samplePercent.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
      errors.samplePercent = 'A percentage from 0 to 100';
    } else sampleRate = Math.round(pct * 10) / 1000;
  }
  if (draft.level === 'auto' && !draft.confirmAuto) {
    errors.confirmAuto = 'Confirm that nothing will wait for a reviewer';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { level: draft.level, ...(sampleRate === undefined ? {} : { sampleRate }), reason },
  };
}

export interface TrendPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  decisions: number;
  /** Percentages 0–100, rounded to one decimal, for the chart axes. */
  unedited: number;
  edited: number;
  rejected: number;
  flagged: number;
  medianMinutes: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pct = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

interface Tally {
  decisions: number;
  unedited: number;
  edited: number;
  rejected: number;
  flagged: number;
  times: number[];
}

function tally(items: readonly Feedback[]): Tally {
  const t: Tally = { decisions: 0, unedited: 0, edited: 0, rejected: 0, flagged: 0, times: [] };
  for (const f of items) {
    t.decisions += 1;
    // As the server counts the card's figures: an "edit" that changed no word (saved as it was,
    // or only its spacing) is an unedited approval, so the trend and the card agree.
    const approved = f.action === 'approve' || f.action === 'edit';
    if (approved && f.editSize === 0) t.unedited += 1;
    if (approved && f.editSize > 0) t.edited += 1;
    if (f.action === 'reject') t.rejected += 1;
    if (f.flagged) t.flagged += 1;
    t.times.push(f.timeToDecideMs);
  }
  return t;
}

function groupBy<K>(items: readonly Feedback[], key: (f: Feedback) => K): Map<K, Feedback[]> {
  const groups = new Map<K, Feedback[]>();
  for (const f of items) {
    const k = key(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return groups;
}

/** Daily evidence from the feedback list, oldest day first, for the trend charts. */
export function dailyTrend(feedback: readonly Feedback[]): TrendPoint[] {
  const days = groupBy(feedback, (f) => f.createdAt.slice(0, 10));
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, items]) => {
      const t = tally(items);
      const med = median(t.times);
      return {
        day,
        decisions: t.decisions,
        unedited: pct(t.unedited, t.decisions),
        edited: pct(t.edited, t.decisions),
        rejected: pct(t.rejected, t.decisions),
        flagged: pct(t.flagged, t.decisions),
        medianMinutes: med === null ? null : Math.round((med / 60_000) * 10) / 10,
      };
    });
}

/**
 * When the trend charts read their decisions again: at every new decision. The newest
 * decision's id changes with each one; the evidence's count stops changing once it covers its
 * window (200 decisions), and the trend froze there. The count stays in the key for a server
 * that does not name the newest decision.
 */
export function trendReloadKey(
  cp: Pick<CheckpointAutomation, 'evidence' | 'newestDecisionId'>,
): string {
  return `${cp.newestDecisionId ?? ''}#${cp.evidence?.decisions ?? 0}`;
}

/**
 * What the trend charts cover, said plainly: they draw one page of the newest decisions, so when
 * older ones exist the charts (and the first day on them) leave those out.
 */
export function trendCoverage(count: number, capped: boolean): string {
  if (capped) return `The last ${count} decisions; older ones are not shown.`;
  return count === 1 ? 'The one decision so far.' : `All ${count} decisions so far.`;
}

export interface PromptVersionRow {
  promptVersion: string;
  /**
   * "Prompt 2, since 2026-01-01": the versions numbered in the order their first decision came.
   * The id is a content hash (pv_82e9b4…), which told a manager nothing.
   */
  label: string;
  decisions: number;
  unedited: string;
  edited: string;
  rejected: string;
  firstSeen: string;
}

/** The same evidence per prompt version, newest version first, so a prompt change shows. */
export function byPromptVersion(feedback: readonly Feedback[]): PromptVersionRow[] {
  const groups = groupBy(feedback, (f) => f.promptVersion ?? 'unknown');
  const rows = [...groups.entries()]
    .map(([promptVersion, items]) => {
      const t = tally(items);
      const firstSeen = items.reduce((m, f) => (f.createdAt < m ? f.createdAt : m), '\uffff');
      return {
        promptVersion,
        decisions: t.decisions,
        unedited: formatRate(t.unedited / t.decisions),
        edited: formatRate(t.edited / t.decisions),
        rejected: formatRate(t.rejected / t.decisions),
        firstSeen,
      };
    })
    .sort((a, b) => (a.firstSeen < b.firstSeen ? 1 : -1));
  let number = rows.filter((r) => r.promptVersion !== 'unknown').length;
  return rows.map((row) => {
    const since = `since ${row.firstSeen.slice(0, 10)}`;
    const name = row.promptVersion === 'unknown' ? 'Not recorded' : `Prompt ${number--}`;
    return { ...row, label: `${name}, ${since}` };
  });
}

/** One line saying whether reviewers edit the step's output less since a suggestion was accepted. */
export function describeEffect(effect: SuggestionEffect): string {
  const { before, after } = effect;
  const counts = `${before.decisions} decisions before, ${after.decisions} after`;
  if (!effect.enough || before.editRate === null || after.editRate === null) {
    return `Too few decisions to compare yet (${counts})`;
  }
  const pct = (rate: number) => `${Math.round(rate * 100)}%`;
  const size = (words: number | null) => (words === null ? '—' : words.toFixed(1));
  return (
    `Edit rate ${pct(before.editRate)} → ${pct(after.editRate)} since accepted, ` +
    `mean edit ${size(before.meanEditSize)} → ${size(after.meanEditSize)} words (${counts})`
  );
}
