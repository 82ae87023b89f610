import type { Feedback } from '@tandem/schema';
import { isApproval, isEdited } from './few-shot.js';

/*
 * Evidence that the loop works: for one AI step, how often reviewers edited its output and how
 * much, before and after a rule or example set was accepted. The caller passes that step's
 * feedback; this only splits it at the moment of acceptance and counts.
 */

export interface EditStats {
  /** All decisions on the step's output in the period. */
  decisions: number;
  /** Decisions that approved content (as is or edited). */
  approvals: number;
  /** Approvals where the reviewer changed the text. */
  edited: number;
  /** edited / approvals; null without approvals. */
  editRate: number | null;
  /** Mean words changed per approval (unedited ones count 0); null without approvals. */
  meanEditSize: number | null;
  /** Rejected or sent back for changes, over all decisions; null without decisions. */
  rejectionRate: number | null;
}

export interface LearningEffect {
  before: EditStats;
  after: EditStats;
  /** after − before; null when either side has no approvals. */
  editRateChange: number | null;
  meanEditSizeChange: number | null;
  /** Both sides have at least `minDecisions` approvals, so the comparison means something. */
  enough: boolean;
  /** One line with the numbers, for the console. */
  summary: string;
}

export interface LearningEffectOptions {
  /** Compare at most this many decisions on each side, nearest to the acceptance. */
  window?: number;
  /** Approvals needed on each side for `enough`. Default 5. */
  minDecisions?: number;
}

function stats(list: readonly Feedback[]): EditStats {
  const approvals = list.filter(isApproval);
  const edited = approvals.filter(isEdited);
  const rejected = list.filter((f) => f.action === 'reject' || f.action === 'request_changes');
  const sum = approvals.reduce((n, f) => n + f.editSize, 0);
  return {
    decisions: list.length,
    approvals: approvals.length,
    edited: edited.length,
    editRate: approvals.length ? edited.length / approvals.length : null,
    meanEditSize: approvals.length ? sum / approvals.length : null,
    rejectionRate: list.length ? rejected.length / list.length : null,
  };
}

const pct = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v * 100)}%`);
const num = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(1));

export function learningEffect(
  feedback: readonly Feedback[],
  acceptedAt: string | Date,
  options: LearningEffectOptions = {},
): LearningEffect {
  const at = typeof acceptedAt === 'string' ? Date.parse(acceptedAt) : acceptedAt.getTime();
  const sorted = [...feedback].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let before = sorted.filter((f) => Date.parse(f.createdAt) < at);
  let after = sorted.filter((f) => Date.parse(f.createdAt) >= at);
  if (options.window !== undefined) {
    before = before.slice(Math.max(0, before.length - options.window));
    after = after.slice(0, options.window);
  }
  const b = stats(before);
  const a = stats(after);
  const diff = (x: number | null, y: number | null): number | null =>
    x === null || y === null ? null : y - x;
  const minDecisions = options.minDecisions ?? 5;
  return {
    before: b,
    after: a,
    editRateChange: diff(b.editRate, a.editRate),
    meanEditSizeChange: diff(b.meanEditSize, a.meanEditSize),
    enough: b.approvals >= minDecisions && a.approvals >= minDecisions,
    summary:
      `Edit rate ${pct(b.editRate)} → ${pct(a.editRate)}, mean edit size ` +
      `${num(b.meanEditSize)} → ${num(a.meanEditSize)} words ` +
      `(${b.approvals} approvals before, ${a.approvals} after)`,
  };
}
