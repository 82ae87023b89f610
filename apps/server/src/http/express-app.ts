import express from 'express';
import type { Request, Router } from 'express';
import type { AppError } from '@tandem/schema';
import type { Logger } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { createAuthenticate } from '../auth/auth.middleware.js';
import type { AuthService } from '../auth/auth.service.js';
import { apiNotFound, createErrorHandler } from './errors.middleware.js';
import { jsonBody, requireJsonContentType, securityHeaders } from './security.js';

export interface ExpressAppParts {
  logger: Logger;
  auth: AuthService;
  audit: AuditService;
  production: boolean;
  /** Proxies to trust for the client IP (login rate limits are per IP). */
  trustProxyHops: number;
  /** Reachable without a session: health, login, demo hint, signed inbound webhooks. */
  publicRouters: Router[];
  /** Everything else; mounted behind authentication. */
  protectedRouters: Router[];
  webApp: Router | null;
}

/**
 * Order matters: security headers and content-type checks before parsing, public routes before
 * the authentication gate, the gate before every other /api route, one error handler last.
 */
export function buildExpressApp(parts: ExpressAppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Only as many X-Forwarded-For hops as there are proxies: a client cannot spoof its IP.
  app.set('trust proxy', parts.trustProxyHops);
  app.use(securityHeaders(parts.production));
  app.use('/api', requireJsonContentType, jsonBody);
  for (const router of parts.publicRouters) app.use(router);
  app.use('/api', createAuthenticate(parts.auth));
  for (const router of parts.protectedRouters) app.use(router);
  app.use('/api', apiNotFound);
  if (parts.webApp) app.use(parts.webApp);
  app.use(
    createErrorHandler({
      logger: parts.logger,
      onForbidden: async (req: Request, error: AppError) => {
        await parts.audit.record({
          actorId: req.auth?.user.id ?? null,
          action: 'access.denied',
          subjectType: 'route',
          subjectId: `${req.method} ${req.route?.path ?? req.path}`.slice(0, 129),
          details: { path: req.path.slice(0, 500), reason: error.message },
        });
      },
    }),
  );
  return app;
}
