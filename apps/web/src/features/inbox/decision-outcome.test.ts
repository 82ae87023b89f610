import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { heldDecisionFailure } from './decision-outcome.js';

const decided = (status: string) =>
  new ApiError('TASK_ALREADY_DECIDED', `This task is already ${status}`, 409, { status });

describe('heldDecisionFailure', () => {
  it('names the task and says what became of it', () => {
    expect(heldDecisionFailure('Post: spring', decided('canceled'))).toBe(
      'Your decision on “Post: spring” was not saved: its run was canceled meanwhile.',
    );
    expect(heldDecisionFailure('Post: spring', decided('expired'))).toContain(
      'it expired at its due time',
    );
    expect(heldDecisionFailure('Post: spring', decided('decided'))).toContain(
      'someone else decided it first',
    );
    expect(
      heldDecisionFailure(
        'Post: spring',
        new ApiError('TASK_CLAIMED', 'Someone else is reviewing this task right now', 409),
      ),
    ).toContain('another reviewer took it over');
  });

  it('tells the reviewer to decide again when the server could not be reached', () => {
    const offline = new ApiError('NETWORK', 'Cannot reach the Tandem server.', 0);
    expect(heldDecisionFailure('Post: spring', offline)).toContain(
      'decide it again once you are back online',
    );
  });

  it('says so when the task was reassigned or the session ended meanwhile', () => {
    const reassigned = new ApiError('FORBIDDEN', 'This task is not assigned to you', 403);
    expect(heldDecisionFailure('Post: spring', reassigned)).toContain('no longer assigned to you');
    const lapsed = new ApiError('UNAUTHENTICATED', 'Sign in', 401);
    expect(heldDecisionFailure('Post: spring', lapsed)).toContain('your session ended');
  });
});
