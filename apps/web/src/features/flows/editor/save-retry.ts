import { describePath, isApiError } from '../../../api/client.js';

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

/** Field paths of a draft as the designer knows them; others are shown as the API names them. */
const FIELD_NAMES: Record<string, string> = { name: 'Flow name', description: 'Description' };

function fieldName(path: readonly (string | number)[]): string {
  return FIELD_NAMES[path.join('.')] ?? describePath(path);
}

/**
 * Why a save failed, in the server's words: the field it refused and why ("Flow name:
 * Required"), or its message. "Save failed" alone left the designer pressing Try again on a
 * save that could never succeed.
 */
export function saveFailureReason(error: unknown): string {
  if (isApiError(error)) {
    const [first, ...more] = error.issues;
    if (first) {
      const field = first.path.length > 0 ? `${fieldName(first.path)}: ` : '';
      return `${field}${first.message}${more.length > 0 ? ` (and ${more.length} more)` : ''}`;
    }
    return error.message;
  }
  return error instanceof Error && error.message ? error.message : 'Unknown error';
}
