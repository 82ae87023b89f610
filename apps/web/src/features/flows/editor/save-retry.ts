import { isApiError } from '../../../api/client.js';

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 30_000;

/**
 * How long autosave waits before trying a failed save again on its own, or null when trying
 * again cannot help. A save that failed because the server was unreachable or restarting
 * (the network dropped, a 5xx, too many requests) succeeds once it is back: the designer must not have to notice
 * and click to keep their work. The wait doubles per failure, so a server that stays down is
 * not hammered. A refusal of the draft itself (4xx) would fail the same way every time.
 */
export function saveRetryDelay(error: unknown, failures: number): number | null {
  const transient =
    isApiError(error, 'NETWORK') ||
    isApiError(error, 'RATE_LIMITED') ||
    (isApiError(error) && error.status >= 500);
  if (!transient) return null;
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}
