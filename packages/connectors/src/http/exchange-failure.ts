import { AppError, type ErrorCode } from '@tandem/schema';
import { redactUrl } from './outbound-url.js';

/** What the client knew of an exchange when it failed. */
export interface ExchangeContext {
  url: URL;
  /** The client's own deadline signal (the caller's signal folded in). */
  signal: AbortSignal;
  callerSignal: AbortSignal | undefined;
  /** The request had gone out whole: whether the receiver acted on it is open. */
  requestSent: boolean;
  timeoutMs: number;
  elapsed: () => number;
  failureCode: ErrorCode;
}

/**
 * The AppError a failed exchange is reported as: canceled by the caller, out of time, a DNS
 * answer the policy refused, or a network error, each saying whether the request had left
 * (`details.requestSent`) so a channel whose receiver cannot recognise a repeat can decide.
 */
export function exchangeFailure(error: unknown, ctx: ExchangeContext): AppError {
  const details = {
    url: redactUrl(ctx.url),
    durationMs: ctx.elapsed(),
    status: null,
    requestSent: ctx.requestSent,
  };
  if (ctx.callerSignal?.aborted) {
    return new AppError({
      code: 'CANCELED',
      message: 'The request was canceled',
      details,
      cause: error,
    });
  }
  if (ctx.signal.aborted) {
    return new AppError({
      code: 'TIMEOUT',
      message: `No complete answer within ${ctx.timeoutMs} ms`,
      retryable: true,
      details,
      cause: error,
    });
  }
  if (error instanceof AppError) {
    if (error.code === 'URL_FORBIDDEN' && error.details.reason === 'dns') {
      return new AppError({
        code: ctx.failureCode,
        message: error.message,
        retryable: true,
        details: { ...details, reason: 'dns' },
        cause: error,
      });
    }
    return error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new AppError({
    code: ctx.failureCode,
    message: `Network error: ${typeof code === 'string' ? code : ((error as Error)?.message ?? 'unknown')}`,
    retryable: true,
    details: { ...details, reason: 'network' },
    cause: error,
  });
}
