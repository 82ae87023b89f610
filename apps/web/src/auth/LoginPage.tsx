import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Role } from '@tandem/schema';
import { api, isApiError } from '../api/client.js';
import { Badge, Button, Field } from '../ui/index.js';
import { useAuth } from './use-auth.js';
import { homePathFor } from './home-path.js';

interface DemoUser {
  email: string;
  name?: string;
  roles?: Role[];
}

interface DemoInfo {
  users: DemoUser[];
  password: string;
}

// The server answers with the seeded demo accounts only while demo data exists.
function parseDemo(data: unknown): DemoInfo | null {
  const body = data as { users?: DemoUser[]; password?: string } | DemoUser[] | null;
  const users = Array.isArray(body) ? body : body?.users;
  if (!users?.length) return null;
  const password = (!Array.isArray(body) && body?.password) || 'tandem';
  return { users, password };
}

export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoInfo | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api
      .get<unknown>('/api/auth/demo')
      .then((d) => setDemo(parseDemo(d)))
      .catch(() => setDemo(null));
  }, []);

  if (user) return <Navigate to={params.get('next') ?? homePathFor(user.roles)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(email, password);
      const next = params.get('next');
      navigate(next && next.startsWith('/') ? next : homePathFor(signedIn.roles), {
        replace: true,
      });
    } catch (err) {
      setError(
        isApiError(err, 'RATE_LIMITED')
          ? 'Too many attempts. Wait a minute and try again.'
          : isApiError(err, 'UNAUTHENTICATED') || isApiError(err, 'VALIDATION_FAILED')
            ? 'That email and password do not match an account.'
            : err instanceof Error
              ? err.message
              : 'Sign-in failed.',
      );
      // Put the keyboard where the fix usually is, so Enter after retyping signs in again.
      requestAnimationFrame(() => passwordRef.current?.select());
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <section className="login-card" aria-labelledby="login-title">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true" />
          Tandem
        </div>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">AI drafts. People decide. Flows that publish only what you approve.</p>
        <form onSubmit={submit} className="stack">
          <Field label="Email" htmlFor="login-email">
            <input
              id="login-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <Field label="Password" htmlFor="login-password">
            <input
              id="login-password"
              ref={passwordRef}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
          <Button type="submit" variant="primary" busy={busy} block>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
        {demo && (
          <section className="demo-users" aria-labelledby="demo-title">
            <h2 id="demo-title">Demo accounts</h2>
            <p className="muted small">
              Every demo account uses the password <code>{demo.password}</code>. Pick one to fill
              the form.
            </p>
            <ul>
              {demo.users.map((u) => (
                <li key={u.email}>
                  <button
                    type="button"
                    className="demo-user"
                    onClick={() => {
                      setEmail(u.email);
                      setPassword(demo.password);
                    }}
                  >
                    <span className="demo-email">{u.email}</span>
                    <span className="demo-roles">
                      {(u.roles ?? []).map((r) => (
                        <Badge key={r} tone="neutral">
                          {r}
                        </Badge>
                      ))}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
    </main>
  );
}
