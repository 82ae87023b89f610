import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '@tandem/schema';
import { useAuth } from './use-auth.js';
import { EmptyState } from '../ui/index.js';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Shows the page only to the given roles; others get a plain explanation, not a blank page. */
export function RequireRole({
  roles,
  hint,
  children,
}: {
  roles: Role[];
  /** Where someone without the role finds what they may have come for. */
  hint?: string;
  children: ReactNode;
}) {
  const { hasRole } = useAuth();
  if (!hasRole(...roles)) {
    return (
      <EmptyState
        title="You don't have access to this page"
        body={hint ?? `It is available to: ${roles.join(', ')}. Ask an admin if you need it.`}
      />
    );
  }
  return <>{children}</>;
}
