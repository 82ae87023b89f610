import type { Feedback } from '@tandem/schema';
import { isApproval } from './few-shot.js';

/*
 * Evidence that the loop works: for one AI step, how often reviewers edited its output and how
 * much, before and after a rule or example set was accepted. The caller passes that step's
 * feedback; this only splits it at the moment of acceptance and counts, with the same
 * definitions as the automation console's evidence (computeEvidence).
 */

export interface EditStats {
  /** All decisions on the step's output in the period. */
  decisions: number;
  /** Decisions that approved content (as is or edited). */
  approvals: number;
  /** Approvals where the reviewer changed words (editSize > 0). */
  edited: number;
  /** edited / decisions, as the automation console's evidence; null without decisions. */
  editRate: number | null;
  /** Mean words changed per edited approval (0 when none was edited); null without decisions. */
  meanEditSize: number | null;
  /** Rejected decisions / decisions; null without decisions. */
  rejectionRate: number | null;
}

export interface LearningEffect {
  before: EditStats;
  after: EditStats;
  /** after − before; null when either side has no decisions. */
  editRateChange: number | null;
  meanEditSizeChange: number | null;
  /** Both sides have at least `minDecisions` decisions, so the comparison means something. */
  enough: boolean;
  /** One line with the numbers, for the console. */
  summary: string;
}

export interface LearningEffectOptions {
  /** Compare at most this many decisions on each side, nearest to the acceptance. */
  window?: number;
  /** Decisions needed on each side for `enough`. Default 5. */
  minDecisions?: number;
}

function stats(list: readonly Feedback[]): EditStats {
  const n = list.length;
  const approvals = list.filter(isApproval);
  const edited = approvals.filter((f) => f.editSize > 0);
  const sum = edited.reduce((total, f) => total + f.editSize, 0);
  return {
    decisions: n,
    approvals: approvals.length,
    edited: edited.length,
    editRate: n ? edited.length / n : null,
    meanEditSize: n ? (edited.length ? sum / edited.length : 0) : null,
    rejectionRate: n ? list.filter((f) => f.action === 'reject').length / n : null,
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
  // Split by when the draft was written (its review task opened), not when it was decided: the
  // backlog decided after the acceptance was drafted without the rule, and counted as "after"
  // it hid the rule's effect for as long as the queue was long.
  const drafted = (f: Feedback): number => Date.parse(f.createdAt) - f.timeToDecideMs;
  const sorted = [...feedback].sort((a, b) => drafted(a) - drafted(b));
  let before = sorted.filter((f) => drafted(f) < at);
  let after = sorted.filter((f) => drafted(f) >= at);
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
    enough: b.decisions >= minDecisions && a.decisions >= minDecisions,
    summary:
      `Edit rate ${pct(b.editRate)} → ${pct(a.editRate)}, mean edit size ` +
      `${num(b.meanEditSize)} → ${num(a.meanEditSize)} words ` +
      `(${b.decisions} decisions before, ${a.decisions} after)`,
  };
}
