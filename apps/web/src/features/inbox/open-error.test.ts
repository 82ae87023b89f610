import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { taskOpenError } from './open-error.js';

describe('taskOpenError', () => {
  it('calls a task the server does not know missing, without its id', () => {
    const result = taskOpenError(new ApiError('NOT_FOUND', 'Task task_x was not found', 404));
    expect(result.missing).toBe(true);
    expect(result.message).not.toContain('task_x');
  });

  it('calls a refused task refused, not to be tried again (a reviewer gets it for unknown ids too)', () => {
    const result = taskOpenError(
      new ApiError('FORBIDDEN', 'This task is not assigned to you or any of your roles', 403),
    );
    expect(result).toMatchObject({ missing: false, refused: true });
    expect(result.message).toMatch(/^This task is not assigned to you/);
  });

  it('passes on any other failure as it came, to be tried again', () => {
    expect(taskOpenError(new ApiError('NETWORK', 'The server is unreachable', 0))).toEqual({
      message: 'The server is unreachable',
      missing: false,
      refused: false,
    });
  });
});
