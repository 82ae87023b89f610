import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { taskOpenError } from './open-error.js';

describe('taskOpenError', () => {
  it('calls a task the server does not know missing, without its id', () => {
    const result = taskOpenError(new ApiError('NOT_FOUND', 'Task task_x was not found', 404));
    expect(result.missing).toBe(true);
    expect(result.message).not.toContain('task_x');
  });

  it('passes on any other failure as it came, to be tried again', () => {
    expect(taskOpenError(new ApiError('NETWORK', 'The server is unreachable', 0))).toEqual({
      message: 'The server is unreachable',
      missing: false,
    });
  });
});
