import { isApiError } from '../../api/client.js';

/**
 * Why a task did not open, in words, and whether it is missing. A missing task (a wrong or old
 * link) showed "Task task_… was not found" with a Try again button that could never help.
 */
export function taskOpenError(error: unknown): { message: string; missing: boolean } {
  if (isApiError(error, 'NOT_FOUND'))
    return {
      message: 'The link may be wrong or old. Pick a task from the list instead.',
      missing: true,
    };
  return {
    message: error instanceof Error ? error.message : 'The task could not be loaded',
    missing: false,
  };
}
