import { isApiError } from '../../api/client.js';

/**
 * Why a task did not open, in words, and whether it is missing or refused. A missing task (a
 * wrong or old link) showed "Task task_… was not found" with a Try again button that could never
 * help. Nor can it for a refusal, which is what a reviewer also gets for a task that does not
 * exist: the server answers them alike, so they cannot probe which task ids exist.
 */
export function taskOpenError(error: unknown): {
  message: string;
  missing: boolean;
  refused: boolean;
} {
  if (isApiError(error, 'NOT_FOUND'))
    return {
      message: 'The link may be wrong or old. Pick a task from the list instead.',
      missing: true,
      refused: false,
    };
  if (isApiError(error, 'FORBIDDEN'))
    return {
      message: `${error.message}. If the link is old, pick a task from the list instead.`,
      missing: false,
      refused: true,
    };
  return {
    message: error instanceof Error ? error.message : 'The task could not be loaded',
    missing: false,
    refused: false,
  };
}
