import type { Role } from '@tandem/schema';

/** Where a user lands after login: the main screen of their most hands-on role. */
export function homePathFor(roles: readonly Role[]): string {
  if (roles.includes('designer')) return '/flows';
  if (roles.includes('reviewer')) return '/inbox';
  if (roles.includes('manager')) return '/automation';
  if (roles.includes('admin')) return '/flows';
  return '/runs';
}
