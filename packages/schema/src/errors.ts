/** Every error the product can report; the API maps each to one HTTP status. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TASK_ALREADY_DECIDED'
  | 'TASK_CLAIMED'
  | 'FLOW_INVALID'
  | 'FLOW_NOT_PUBLISHED'
  | 'CHECKPOINT_LOCKED'
  | 'CONTENT_MISMATCH'
  | 'URL_FORBIDDEN'
  | 'CONNECTION_DISABLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'LLM_ERROR'
  | 'LLM_OUTPUT_INVALID'
  | 'PUBLISH_FAILED'
  | 'TIMEOUT'
  | 'CANCELED'
  | 'CONFIG_INVALID'
  | 'INTERNAL';

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TASK_ALREADY_DECIDED: 409,
  TASK_CLAIMED: 409,
  FLOW_INVALID: 422,
  FLOW_NOT_PUBLISHED: 409,
  CHECKPOINT_LOCKED: 409,
  CONTENT_MISMATCH: 409,
  URL_FORBIDDEN: 422,
  CONNECTION_DISABLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LLM_ERROR: 502,
  LLM_OUTPUT_INVALID: 502,
  PUBLISH_FAILED: 502,
  TIMEOUT: 504,
  CANCELED: 409,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
};

export interface ErrorIssue {
  /** Field path in plain segments, e.g. ["graph", "nodes", 2, "config", "prompt"]. */
  path: (string | number)[];
  message: string;
  nodeId?: string;
}

export interface AppErrorOptions {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  /** Transient failures may be retried; the engine's retry policy reads this. */
  retryable?: boolean;
  /** Milliseconds the other side asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** `user`: the flow or the input must change; `system`: infrastructure. */
  origin?: 'user' | 'system';
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly origin: 'user' | 'system';

  constructor(options: AppErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.origin = options.origin ?? 'system';
  }

  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  toBody(): { error: { code: ErrorCode; message: string; details: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

export function notFound(what: string, id: string): AppError {
  return new AppError({
    code: 'NOT_FOUND',
    message: `${what} ${id} was not found`,
    details: { id },
  });
}

export function conflict(what: string, id: string, message?: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: message ?? `${what} ${id} was changed by someone else; reload and try again`,
    details: { id },
  });
}

/** A flow that cannot be published: each problem names its node and field (422). */
export function flowInvalid(
  problems: readonly { nodeId?: string; path: readonly (string | number)[]; message: string }[],
): AppError {
  return new AppError({
    code: 'FLOW_INVALID',
    origin: 'user',
    message: `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before publishing`,
    details: { problems },
  });
}

/** Turns zod issues into the `{ issues: [{ path, message }] }` details every 400 carries. */
export function validationError(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  message = 'The request is not valid',
): AppError {
  return new AppError({
    code: 'VALIDATION_FAILED',
    message,
    origin: 'user',
    details: {
      issues: issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    },
  });
}
