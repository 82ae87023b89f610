import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, isAppError, validationError } from '@tandem/schema';
import type { Logger } from '@tandem/nodes';

function isJson(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** body-parser errors carry a `type`; map the ones a client can cause to product codes. */
function fromBodyParser(error: unknown): AppError | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return new AppError({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is too large',
      origin: 'user',
      details: { limit: (error as { limit?: number }).limit ?? null },
    });
  }
  if (type === 'entity.parse.failed') {
    // The parser takes only objects and arrays (strict): `null` or `42` is JSON of the wrong shape.
    const wrongShape = isJson((error as { body?: unknown }).body);
    return validationError([
      {
        path: [],
        message: wrongShape ? 'Send a JSON object as the body' : 'The body is not valid JSON',
      },
    ]);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the body as UTF-8 JSON',
      origin: 'user',
    });
  }
  return null;
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) return validationError(error.issues);
  const fromParser = fromBodyParser(error);
  if (fromParser) return fromParser;
  // The router decodes path parameters before any handler runs; a bad escape such as `%ff` is
  // the client's mistake, not a server failure. The router marks its own with status 400; a
  // URIError from our code (decoding stored data) stays a server error.
  if (error instanceof URIError && (error as URIError & { status?: unknown }).status === 400) {
    return validationError(
      [{ path: [], message: 'The URL path has a malformed percent-escape' }],
      'The request path is not valid',
    );
  }
  return new AppError({ code: 'INTERNAL', message: 'Something went wrong', cause: error });
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(
    new AppError({
      code: 'NOT_FOUND',
      message: `No API route ${req.method} ${req.path}`,
      details: { method: req.method, path: req.path },
    }),
  );
};

export interface ErrorHandlerDeps {
  logger: Logger;
  /** Called for every 403 so denied attempts land in the audit trail. */
  onForbidden(req: Request, error: AppError): Promise<void>;
}

/** The one place errors become `{ error: { code, message, details } }`. */
export function createErrorHandler(deps: ErrorHandlerDeps): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL' || appError.status >= 500) {
      deps.logger.error('Request failed', {
        method: req.method,
        path: req.path,
        code: appError.code,
        error: appError.cause ?? error,
      });
    }
    if (appError.retryAfterMs !== undefined) {
      res.setHeader('Retry-After', String(Math.ceil(appError.retryAfterMs / 1000)));
    }
    const send = (): void => {
      res.status(appError.status).json(appError.toBody());
    };
    if (appError.code === 'FORBIDDEN') {
      deps.onForbidden(req, appError).then(send, (auditError: unknown) => {
        deps.logger.error('Could not audit a denied attempt', { error: auditError });
        send();
      });
      return;
    }
    send();
  };
}
