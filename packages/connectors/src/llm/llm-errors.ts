import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OpenAIError,
} from 'openai';
import { AppError } from '@tandem/schema';
import { redactSecrets } from '../crypto/mask.js';

/*
 * Turns what the openai SDK throws into the AppErrors the engine's retry policy reads. The SDK's
 * own retries are off, so every transient failure surfaces here once and the engine decides
 * (with backoff and the server's Retry-After) whether to try again.
 */

/** Upper bound on a server-requested wait, so a bogus header cannot park a step for days. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * Reads `retry-after-ms` (OpenAI's millisecond hint), then `retry-after` (seconds or an HTTP
 * date). Returns undefined when neither is present or parseable.
 */
export function parseRetryAfterMs(
  headers: Pick<Headers, 'get'> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const clamp = (ms: number): number | undefined =>
    Number.isFinite(ms) && ms >= 0 ? Math.min(Math.ceil(ms), MAX_RETRY_AFTER_MS) : undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = clamp(Number(ms));
    if (value !== undefined) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return clamp(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : clamp(Math.max(0, date - now));
}

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Maps an SDK error (or anything thrown during the call) to an AppError. `secrets` (the API key)
 * are scrubbed from the message: the SDK puts the server's error text in it, and a proxy in
 * front of a model may quote the key it refused ("Received API Key = ...").
 */
export function toLlmAppError(
  error: unknown,
  context: { model: string; secrets?: readonly string[] },
): AppError {
  const mapped = mapLlmError(error, context);
  const message = redactSecrets(mapped.message, context.secrets ?? []);
  if (message === mapped.message) return mapped;
  return new AppError({
    code: mapped.code,
    message,
    details: mapped.details,
    retryable: mapped.retryable,
    retryAfterMs: mapped.retryAfterMs,
    origin: mapped.origin,
    cause: mapped.cause,
  });
}

function mapLlmError(error: unknown, context: { model: string }): AppError {
  if (error instanceof AppError) return error;
  const details = { model: context.model };
  if (error instanceof APIUserAbortError) {
    return new AppError({
      code: 'CANCELED',
      message: 'The model call was canceled',
      details,
      cause: error,
    });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new AppError({
      code: 'LLM_ERROR',
      message: 'The model did not answer in time',
      details: { ...details, reason: 'timeout' },
      retryable: true,
      cause: error,
    });
  }
  // The guarded fetch refused the address (URL_FORBIDDEN) or reported its own failure: the SDK
  // wraps it as a connection error, which would retry a refusal that can only fail again.
  if (error instanceof APIConnectionError && error.cause instanceof AppError) return error.cause;
  if (error instanceof APIConnectionError) {
    return new AppError({
      code: 'LLM_ERROR',
      message: `Could not reach the model server: ${error.message}`,
      details: { ...details, reason: 'connection' },
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const shouldRetry = error.headers?.get('x-should-retry');
    const retryable =
      shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : isTransientStatus(status);
    const reason = status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'rejected';
    return new AppError({
      code: 'LLM_ERROR',
      message: `The model server answered ${status}: ${error.message}`,
      details: { ...details, status, reason, requestId: error.requestID ?? null },
      retryable,
      retryAfterMs: retryable ? parseRetryAfterMs(error.headers) : undefined,
      // A rejected request (bad model name, bad parameters) is fixed in the flow; a refused
      // key (401/403) is fixed in the settings, which is the system's side.
      origin: !retryable && status !== 401 && status !== 403 ? 'user' : 'system',
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError({
    code: 'LLM_ERROR',
    message: `The model call failed: ${message}`,
    details: { ...details, reason: error instanceof OpenAIError ? 'client' : 'unknown' },
    cause: error,
  });
}
