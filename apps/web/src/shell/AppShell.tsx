import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { api } from '../api/client.js';
import { onAiSetupChanged } from '../api/ai-status.js';
import { useConnectionState, type ConnectionState } from '../api/socket.js';
import { useAuth } from '../auth/use-auth.js';
import { Button, Spinner } from '../ui/index.js';
import { readAiStatus, type AiStatus } from './health.js';
import { navItemsFor } from './nav-items.js';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connected: 'Live',
  connecting: 'Connecting…',
  disconnected: 'Offline — reconnecting',
  offline: 'Not connected',
};

function ConnectionIndicator() {
  const state = useConnectionState();
  return (
    <span
      className={`conn conn-${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
    >
      <span className="conn-dot" aria-hidden="true" />
      {CONNECTION_LABEL[state]}
    </span>
  );
}

/**
 * What the offline AI means for the person signed in. Server settings are an admin's business:
 * designers, reviewers and managers are told what they will see and who can change it, not
 * which environment variables to set.
 */
export function OfflineAiNotice({ isAdmin }: { isAdmin: boolean }) {
  return (
    <div className="banner" role="note" data-testid="offline-ai-banner">
      <span aria-hidden="true">⚠</span>
      {isAdmin ? (
        <p>
          <strong>AI is running offline.</strong> AI steps return built-in sample drafts, so flows
          can be tried end to end. To use a real model, start the server with{' '}
          <code>OPENAI_API_KEY</code> set (and <code>OPENAI_BASE_URL</code> for any
          OpenAI-compatible endpoint), or{' '}
          {/* Named as the Kind list names it: there is no "LLM connection" to pick. */}
          <Link to="/settings/connections">add an LLM endpoint in Settings, Connections</Link>.
        </p>
      ) : (
        <p>
          <strong>AI is running offline.</strong> AI steps write built-in sample drafts, so flows
          can be tried end to end. An admin can connect a real AI model.
        </p>
      )}
    </div>
  );
}

function OfflineAiBanner() {
  const { roles } = useAuth();
  const [status, setStatus] = useState<AiStatus | null>(null);
  useEffect(() => {
    const check = () =>
      api
        .get<unknown>('/api/health')
        .then((h) => setStatus(readAiStatus(h)))
        .catch(() => setStatus(null));
    void check();
    return onAiSetupChanged(() => void check());
  }, []);
  if (!status?.offline) return null;
  return <OfflineAiNotice isAdmin={roles.includes('admin')} />;
}

export function AppShell() {
  const { user, roles, logout } = useAuth();
  return (
    <div className="shell">
      <nav className="shell-nav" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tandem
        </div>
        {navItemsFor(roles).map((item) => (
          <NavLink key={item.to} to={item.to} className="nav-link">
            <span className="nav-icon" aria-hidden="true">
              {item.icon}
            </span>
            {item.label}
          </NavLink>
        ))}
        <div className="nav-footer">
          <ConnectionIndicator />
          <div>
            <div className="nav-user">{user?.name}</div>
            <div className="nav-roles">{roles.join(' · ')}</div>
            <NavLink to="/account" className="nav-account">
              Your settings
            </NavLink>
          </div>
          <Button variant="ghost" size="sm" onClick={() => void logout()}>
            Sign out
          </Button>
        </div>
      </nav>
      <div className="shell-banner">
        <OfflineAiBanner />
      </div>
      <main className="shell-main" id="main">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
