import { AppError, isAppError } from '@tandem/schema';
import { createRateLimiter } from '../auth/rate-limit.js';

export interface WebhookLimits {
  /** Refused calls (unsigned, badly signed, unknown flow, malformed) one address may make per window. */
  refusedPerCaller: number;
  /** Runs one flow's webhook may start per window; a sender past it is told when to retry. */
  runsPerFlow: number;
  /**
   * Refusals recorded one by one in the audit trail per window, all callers together; past it
   * they are counted, and one summary event a window later says how many, from when to when.
   */
  auditedRefusals: number;
  windowMs: number;
}

/**
 * 30 refused calls a minute is far above what a misconfigured sender makes while its owner
 * fixes it, and far below what guessing a signature or probing flow ids needs. 600 runs a minute
 * per flow bounds what one leaked signing secret can cost (each run calls the AI), while a CRM's
 * burst of a few hundred contacts still gets through in one go. 60 audited refusals a minute
 * show an admin every refusal of a misconfigured sender, while a flood from many addresses adds
 * at most 86,400 rows a day instead of any number.
 */
export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  refusedPerCaller: 30,
  runsPerFlow: 600,
  auditedRefusals: 60,
  windowMs: 60_000,
};

/** Refusals that count against a caller: the ones a guess or a probe gets. */
const REFUSALS = new Set(['UNAUTHENTICATED', 'NOT_FOUND', 'VALIDATION_FAILED']);

function rateLimited(retryAfterMs: number, message: string): AppError {
  return new AppError({
    code: 'RATE_LIMITED',
    message,
    retryAfterMs,
    origin: 'user',
    details: { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
  });
}

/**
 * The webhook route is reachable without a session, so it limits callers itself: by address
 * for refused calls (answered 429 before any store read or signature check), and by flow for
 * runs started (checked only once the signature holds, so strangers cannot use up a flow's
 * allowance). Counters live in this process, like the login limiter's.
 */
export function createWebhookLimits(limits: WebhookLimits, now?: () => number) {
  const refused = createRateLimiter({
    limit: limits.refusedPerCaller,
    windowMs: limits.windowMs,
    now,
  });
  const runs = createRateLimiter({ limit: limits.runsPerFlow, windowMs: limits.windowMs, now });
  const audited = createRateLimiter({
    limit: limits.auditedRefusals,
    windowMs: limits.windowMs,
    now,
  });
  // Refusals past the audit cap, counted for the summary written one window after the first.
  let unrecorded = 0;
  let firstUnrecordedAt = 0;
  let lastSummaryAt = -Infinity;
  const clock = now ?? Date.now;
  return {
    /**
     * Whether this refusal gets its own audit event. Past the cap it is counted instead: the
     * first one counted says when to write the summary of them (`summaryInMs`, one window
     * later), and whether a flood starts (no summary in the last window), to be said once.
     */
    auditSlot(): AuditSlot {
      if (audited.retryAfterMs('all') === 0) {
        audited.hit('all');
        return { record: true, summaryInMs: null, floodStarts: false };
      }
      unrecorded += 1;
      if (unrecorded > 1) return { record: false, summaryInMs: null, floodStarts: false };
      firstUnrecordedAt = clock();
      const floodStarts = firstUnrecordedAt - lastSummaryAt > limits.windowMs;
      return { record: false, summaryInMs: limits.windowMs, floodStarts };
    },
    /** The refusals counted since the last summary and when the first came; counting restarts. */
    takeUnrecorded(): { count: number; since: number } {
      const taken = { count: unrecorded, since: firstUnrecordedAt };
      unrecorded = 0;
      lastSummaryAt = clock();
      return taken;
    },
    /** Throws 429 while `caller` has used up its refusals. */
    admitCaller(caller: string): void {
      const wait = refused.retryAfterMs(caller);
      if (wait > 0) throw rateLimited(wait, 'Too many refused webhook calls; try again later');
    },
    /** Counts `error` against `caller` when it is a refusal a prober would get. */
    noteFailure(caller: string, error: unknown): void {
      if (isAppError(error) && REFUSALS.has(error.code)) refused.hit(caller);
    },
    /** Counts a run about to start for `flowId`, or throws 429 when its allowance is used. */
    takeRun(flowId: string): void {
      const wait = runs.retryAfterMs(flowId);
      if (wait > 0) {
        throw rateLimited(wait, 'This flow received too many webhook calls; retry later');
      }
      runs.hit(flowId);
    },
    /** Gives back a run counted by takeRun that was not started (a redelivery). */
    returnRun(flowId: string): void {
      runs.unhit(flowId);
    },
  };
}

export type WebhookLimiter = ReturnType<typeof createWebhookLimits>;

export interface AuditSlot {
  record: boolean;
  /** Set on the first refusal counted past the cap: write the summary this much later. */
  summaryInMs: number | null;
  /** Set when that first refusal starts a flood (no summary in the last window). */
  floodStarts: boolean;
}
