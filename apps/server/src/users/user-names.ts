import type { StorePort } from '@tandem/schema';

/** A user's display name by id; null for an unknown id or for the engine's own `system`. */
export type NameOf = (id: string | null | undefined) => string | null;

/**
 * Looks up the display names of the users a response mentions, once per distinct id, so the
 * browser can show "Riley Reviewer" without a user directory it may not be allowed to read.
 */
export async function loadUserNames(
  store: Pick<StorePort, 'users'>,
  ids: Iterable<string | null | undefined>,
): Promise<NameOf> {
  const distinct = new Set<string>();
  for (const id of ids) if (id && id !== 'system') distinct.add(id);
  const names = new Map<string, string>();
  await Promise.all(
    [...distinct].map(async (id) => {
      const user = await store.users.find(id);
      if (user) names.set(id, user.name);
    }),
  );
  return (id) => (id ? (names.get(id) ?? null) : null);
}
