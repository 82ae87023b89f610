/**
 * Wraps a reload so a burst of triggers costs at most two runs: the one in flight and one
 * trailing run that starts after it, which sees every change the burst announced. A page that
 * reloads on pushed events would otherwise send a request per event: a storm under load.
 */
export interface Coalesced {
  /** Runs the reload now, or once after the one in flight when it is busy. */
  trigger(): void;
  /** Resolves when no run is in flight or due (for tests and teardown). */
  idle(): Promise<void>;
}

export function coalesce(reload: () => Promise<unknown>): Coalesced {
  let inFlight: Promise<void> | null = null;
  let trailing = false;

  const start = (): Promise<void> =>
    (inFlight = (async () => {
      try {
        await reload();
      } catch {
        // The reload reports its own errors; a failure must not stop the next run.
      }
      if (trailing) {
        trailing = false;
        await start();
      } else {
        inFlight = null;
      }
    })());

  return {
    trigger() {
      if (inFlight) trailing = true;
      else void start();
    },
    async idle() {
      while (inFlight) await inFlight;
    },
  };
}
