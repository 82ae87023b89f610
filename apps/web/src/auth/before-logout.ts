/**
 * Work that must finish while the session is still valid, before signing out: a reviewer's
 * decision held for undo would otherwise be sent with a revoked session and lost.
 */
const tasks = new Set<() => Promise<void>>();

/** Registers `task` to run (and be awaited) before every sign-out; returns the unregister. */
export function onBeforeLogout(task: () => Promise<void>): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs the registered tasks; a failing one does not keep the user signed in. */
export async function runBeforeLogout(): Promise<void> {
  await Promise.allSettled([...tasks].map((task) => task()));
}
