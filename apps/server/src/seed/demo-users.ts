import type { Role } from '@tandem/schema';

/** The demo accounts the login page offers; never created with NODE_ENV=production. */
export const DEMO_PASSWORD = 'tandem';

export const DEMO_USERS: readonly { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', roles: ['admin'] },
  { email: 'designer@example.com', name: 'Dana Designer', roles: ['designer'] },
  { email: 'reviewer@example.com', name: 'Rae Reviewer', roles: ['reviewer'] },
  { email: 'manager@example.com', name: 'Max Manager', roles: ['manager'] },
];
