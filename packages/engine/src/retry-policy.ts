import { isAppError } from '@tandem/schema';
import type { StepError } from '@tandem/schema';

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After beyond this is treated as permanent: we will not hold a step for a day. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/**
 * Delay before the next attempt: capped exponential backoff with full jitter (spreads retries
 * of many runs hitting the same outage), but never sooner than the other side asked for.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Whether a failure on attempt `attempt` gets another try. */
export function shouldRetry(
  policy: RetryPolicy,
  attempt: number,
  error: { retryable: boolean; retryAfterMs?: number | undefined },
): boolean {
  if (!error.retryable || attempt >= policy.maxAttempts) return false;
  return (error.retryAfterMs ?? 0) <= policy.maxRetryAfterMs;
}

/** A thrown error as recorded on a step, with the retry hint the policy reads. */
export function toStepError(error: unknown): StepError & { retryAfterMs?: number } {
  if (isAppError(error)) {
    return {
      code: error.code,
      message: error.message.slice(0, 2_000),
      origin: error.origin,
      retryable: error.retryable,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    message: (error instanceof Error ? error.message : String(error)).slice(0, 2_000),
    origin: 'system',
    retryable: false,
  };
}
