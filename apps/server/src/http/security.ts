import express from 'express';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '@tandem/schema';

export const JSON_BODY_LIMIT = '1mb';

/**
 * helmet with a CSP that allows no inline script: the built web app loads only its own
 * bundles. Inline style attributes stay allowed because React Flow positions nodes with them.
 */
export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // Plain http on a LAN host must keep working for the single-process install.
    strictTransportSecurity: production,
  });
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** A request with a body must say it is JSON; anything else is refused before parsing. */
export const requireJsonContentType: RequestHandler = (req, _res, next) => {
  if (BODY_METHODS.has(req.method) && hasBody(req) && !req.is('application/json')) {
    next(
      new AppError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the body as application/json',
        origin: 'user',
        details: { contentType: req.headers['content-type'] ?? null },
      }),
    );
    return;
  }
  next();
};

/** The exact bytes received, kept so signed inbound webhooks can verify their HMAC. */
export interface RawBodyRequest {
  rawBody?: Buffer;
}

export const jsonBody: RequestHandler = express.json({
  limit: JSON_BODY_LIMIT,
  strict: true,
  type: 'application/json',
  verify: (req, _res, buf) => {
    (req as RawBodyRequest).rawBody = buf;
  },
});
