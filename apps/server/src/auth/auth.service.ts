import { createHash, randomBytes } from 'node:crypto';
import { AppError, UserSchema } from '@tandem/schema';
import type { Session, StorePort, User, UserRecord } from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword, verifyPassword } from './password.js';
import { callerKey } from './caller-key.js';
import { createRateLimiter } from './rate-limit.js';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface LoginLimits {
  /** Failed logins per client IP per window. */
  perIp: number;
  /** Failed logins per account from one client IP per window. */
  perAccount: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perIp: 20,
  perAccount: 5,
  windowMs: 15 * 60 * 1000,
};

export interface AuthContext {
  user: User;
  session: Session;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

export interface AuthService {
  login(email: string, password: string, ip: string): Promise<LoginResult>;
  /** Resolves a bearer token or session cookie; null when unknown, revoked, expired or disabled. */
  authenticate(token: string): Promise<AuthContext | null>;
  logout(context: AuthContext): Promise<void>;
}

/** Sessions are stored under the token's hash, so a leaked database yields no usable token. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export const toPublicUser = (record: UserRecord): User => {
  const { passwordHash: _omit, ...user } = record;
  return UserSchema.parse(user);
};

export interface AuthServiceDeps {
  store: StorePort;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  limits?: LoginLimits;
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { store, clock, audit, logger } = deps;
  const limits = deps.limits ?? DEFAULT_LOGIN_LIMITS;
  const now = () => clock.now().getTime();
  const byIp = createRateLimiter({ limit: limits.perIp, windowMs: limits.windowMs, now });
  // Keyed on the account *and* the client: keyed on the account alone, anyone could keep any
  // account locked (the real password refused too) with five wrong guesses every 15 minutes.
  // Guessing one account from many addresses is still bounded by each address's own limit.
  const byAccount = createRateLimiter({ limit: limits.perAccount, windowMs: limits.windowMs, now });
  // Keyed by callerKey: an IPv6 host holds a whole /64, so single addresses were no limit. The
  // audit records the address itself.
  const accountFrom = (email: string, caller: string) => `${email}\n${caller}`;
  // Unknown emails still pay for one scrypt, so response time does not reveal who has an account.
  let dummyHash: Promise<string> | undefined;

  const rateLimited = (retryAfterMs: number) =>
    new AppError({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-in attempts; try again later',
      retryAfterMs,
      origin: 'user',
      details: { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
    });

  async function fail(
    email: string,
    ip: string,
    user: UserRecord | null,
    reason: string,
  ): Promise<never> {
    await audit.record({
      actorId: null,
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: user?.id ?? 'unknown',
      details: { email, ip, reason },
    });
    const caller = callerKey(ip);
    const wait = Math.max(
      byIp.retryAfterMs(caller),
      byAccount.retryAfterMs(accountFrom(email, caller)),
    );
    if (wait > 0) {
      logger.warn('Sign-in locked after repeated failures', { email, ip });
      throw rateLimited(wait);
    }
    throw new AppError({
      code: 'UNAUTHENTICATED',
      message: 'Email or password is wrong',
      origin: 'user',
    });
  }

  return {
    async login(email, password, ip) {
      const caller = callerKey(ip);
      const wait = Math.max(
        byIp.retryAfterMs(caller),
        byAccount.retryAfterMs(accountFrom(email, caller)),
      );
      if (wait > 0) throw rateLimited(wait);
      // Counted as a failure before the password is checked, with no await in between: counted
      // after, a burst of parallel guesses all passed the check above before the first failure
      // was recorded, and every password in it was tried. A success takes its hit back.
      byIp.hit(caller);
      byAccount.hit(accountFrom(email, caller));
      const user = await store.users.findByEmail(email);
      if (!user) {
        dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
        await verifyPassword(password, await dummyHash);
        return fail(email, ip, null, 'unknown_email');
      }
      if (!(await verifyPassword(password, user.passwordHash))) {
        return fail(email, ip, user, 'wrong_password');
      }
      if (user.disabled) return fail(email, ip, user, 'disabled');
      byIp.unhit(caller);
      byAccount.reset(accountFrom(email, caller));
      const token = randomBytes(32).toString('base64url');
      const at = clock.now();
      const session: Session = {
        id: hashToken(token),
        userId: user.id,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + SESSION_TTL_MS).toISOString(),
        revokedAt: null,
        csrfToken: randomBytes(24).toString('base64url'),
      };
      await store.sessions.create(session);
      await audit.record({
        actorId: user.id,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        details: { ip },
      });
      return {
        token,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        user: toPublicUser(user),
      };
    },

    async authenticate(token) {
      if (!token || token.length > 200) return null;
      const session = await store.sessions.find(hashToken(token));
      if (!session || session.revokedAt) return null;
      if (Date.parse(session.expiresAt) <= now()) return null;
      const user = await store.users.find(session.userId);
      if (!user || user.disabled) return null;
      return { user: toPublicUser(user), session };
    },

    async logout(context) {
      await store.sessions.revoke(context.session.id, clock.now().toISOString());
      await audit.record({
        actorId: context.user.id,
        action: 'auth.logout',
        subjectType: 'user',
        subjectId: context.user.id,
        details: {},
      });
    },
  };
}
