import { Router } from 'express';
import type { Response } from 'express';
import { LoginSchema } from '@tandem/schema';
import type { StorePort } from '@tandem/schema';
import { parseBody } from '../http/validate.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-users.js';
import type { AuthService } from './auth.service.js';
import { SESSION_COOKIE, currentAuth } from './auth.middleware.js';

export interface AuthRouterDeps {
  auth: AuthService;
  store: StorePort;
  production: boolean;
  /** Closes the session's open sockets at once. */
  onLogout?: (sessionId: string) => void;
}

function setSessionCookie(res: Response, token: string, expiresAt: string, secure: boolean) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

/** Routes reachable without a session: signing in and the login page's demo hint. */
export function createAuthPublicRouter(deps: AuthRouterDeps): Router {
  const router = Router();

  router.post('/api/auth/login', async (req, res) => {
    const body = parseBody(LoginSchema, req.body);
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const result = await deps.auth.login(body.email, body.password, ip);
    setSessionCookie(res, result.token, result.expiresAt, deps.production);
    res.json(result);
  });

  router.get('/api/auth/demo', async (_req, res) => {
    if (deps.production) {
      res.json({ enabled: false, password: null, users: [] });
      return;
    }
    const found = await Promise.all(DEMO_USERS.map((u) => deps.store.users.findByEmail(u.email)));
    const users = found
      .filter((u) => u !== null && !u.disabled)
      .map((u) => ({ email: u!.email, name: u!.name, roles: u!.roles }));
    res.json({ enabled: users.length > 0, password: users.length ? DEMO_PASSWORD : null, users });
  });

  return router;
}

export function createAuthRouter(deps: AuthRouterDeps): Router {
  const router = Router();

  router.get('/api/auth/me', (req, res) => {
    const { user, session } = currentAuth(req);
    res.json({ user, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  router.post('/api/auth/logout', async (req, res) => {
    const context = currentAuth(req);
    await deps.auth.logout(context);
    deps.onLogout?.(context.session.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
