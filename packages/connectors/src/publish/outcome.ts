import { AppError, isAppError } from '@tandem/schema';
import type { PublishResult } from '@tandem/nodes';
import { redactSecrets } from '../crypto/mask.js';
import type { SafeHttpResponse } from '../http/safe-http.client.js';
import { parseRetryAfter } from './retry.js';

/*
 * One place decides what an attempt's outcome means for the engine's retry loop:
 * network error, timeout, 408, 429, 5xx: retryable (Retry-After honoured); 410: the target is
 * gone for good, the connection gets disabled; other 4xx: permanent. Every result and error
 * carries status, duration and a short response excerpt with the connection's secrets scrubbed.
 */

const EXCERPT_CHARS = 500;

export interface AttemptMeta {
  target: string;
  request: Record<string, unknown>;
  /** Values that must never appear in an excerpt or message. */
  secrets: readonly string[];
  connectionId?: string;
}

export function excerpt(text: string, secrets: readonly string[]): string {
  const flat = redactSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Turns a non-2xx HTTP answer into the AppError the engine acts on. */
export function httpFailure(
  response: SafeHttpResponse,
  meta: AttemptMeta,
  now: Date,
  what: string,
): AppError {
  const status = response.status;
  const responseExcerpt = excerpt(response.text(), meta.secrets);
  const details = {
    status,
    durationMs: response.durationMs,
    responseExcerpt,
    target: meta.target,
    request: meta.request,
    ...(meta.connectionId ? { connectionId: meta.connectionId } : {}),
  };
  if (status === 410) {
    return new AppError({
      code: 'CONNECTION_DISABLED',
      message: `${what} answered 410 Gone: the target no longer exists`,
      origin: 'user',
      details,
    });
  }
  const retryable = isRetryableStatus(status);
  return new AppError({
    code: 'PUBLISH_FAILED',
    message: `${what} answered ${status}${responseExcerpt ? `: ${responseExcerpt.slice(0, 200)}` : ''}`,
    retryable,
    retryAfterMs: retryable ? parseRetryAfter(response.headers['retry-after'], now) : undefined,
    origin: retryable ? 'system' : 'user',
    details,
  });
}

/** Adds the attempt's context to an error thrown before or during sending. */
export function attemptFailure(error: unknown, meta: AttemptMeta, durationMs: number): AppError {
  const base = isAppError(error)
    ? error
    : new AppError({
        code: 'PUBLISH_FAILED',
        message: `Publishing failed: ${(error as Error)?.message ?? String(error)}`,
        retryable: true,
        cause: error,
      });
  return new AppError({
    code: base.code,
    message: redactSecrets(base.message, meta.secrets),
    retryable: base.retryable,
    retryAfterMs: base.retryAfterMs,
    origin: base.origin,
    cause: base.cause ?? base,
    details: {
      ...base.details,
      // Built before the secrets were known (an SMTP refusal): a server quoting one back is
      // scrubbed here, as the message is.
      ...(typeof base.details.responseExcerpt === 'string'
        ? { responseExcerpt: excerpt(base.details.responseExcerpt, meta.secrets) }
        : {}),
      // The client's URL keeps the path, which for some targets (Slack) is the credential.
      ...(base.details.url === undefined ? {} : { url: meta.target }),
      status: base.details.status ?? null,
      durationMs,
      target: meta.target,
      request: meta.request,
      ...(meta.connectionId ? { connectionId: meta.connectionId } : {}),
    },
  });
}

export function success(
  response: SafeHttpResponse,
  meta: AttemptMeta,
  externalId?: string,
): PublishResult {
  return {
    status: response.status,
    ...(externalId ? { externalId } : {}),
    responseExcerpt: excerpt(response.text(), meta.secrets),
    target: meta.target,
    request: meta.request,
    durationMs: response.durationMs,
  };
}
