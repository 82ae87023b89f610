import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '@tandem/schema';
import type { Role, User } from '@tandem/schema';
import type { AuthContext, AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'tandem_session';
export const CSRF_HEADER = 'x-csrf-token';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext & { via: 'bearer' | 'cookie' };
    }
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = () =>
  new AppError({ code: 'UNAUTHENTICATED', message: 'Sign in to continue', origin: 'user' });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Bearer tokens (API clients) need nothing more. A session cookie is sent by the browser on
 * its own, so unsafe requests riding on it must also carry the session's CSRF token in a header
 * a cross-site form cannot set.
 */
/** The session token a request carries: a bearer token, else the session cookie. */
export function requestToken(req: Request): string | undefined {
  return bearerToken(req.headers.authorization) ?? readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function createAuthenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const bearer = bearerToken(req.headers.authorization);
    const token = requestToken(req);
    const context = token ? await auth.authenticate(token) : null;
    if (!context) throw unauthenticated();
    req.auth = { ...context, via: bearer ? 'bearer' : 'cookie' };
    if (!bearer && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, context.session.csrfToken)) {
        throw new AppError({
          code: 'FORBIDDEN',
          message: `Missing or wrong ${CSRF_HEADER} header`,
          details: { reason: 'csrf' },
        });
      }
    }
    next();
  };
}

export function currentAuth(req: Request): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

export const currentUser = (req: Request): User => currentAuth(req).user;

/** Admins manage everything, so every role gate lets them through. */
export function hasRole(user: Pick<User, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.includes('admin') || user.roles.some((r) => roles.includes(r));
}

export function forbidden(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError({ code: 'FORBIDDEN', message, details });
}

export function assertRole(user: User, roles: readonly Role[], what: string): void {
  if (!hasRole(user, roles)) {
    throw forbidden(`Only ${[...roles, 'admin'].join(', ')} may ${what}`, { required: roles });
  }
}

export const requireRole =
  (roles: readonly Role[], what: string): RequestHandler =>
  (req, _res, next) => {
    assertRole(currentUser(req), roles, what);
    next();
  };
