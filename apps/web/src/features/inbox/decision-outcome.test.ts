import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { decidedToast, heldDecisionFailure, toastTitle } from './decision-outcome.js';

const decided = (status: string) =>
  new ApiError('TASK_ALREADY_DECIDED', `This task is already ${status}`, 409, { status });

describe('heldDecisionFailure', () => {
  it('names the task and says what became of it', () => {
    expect(heldDecisionFailure('Post: spring', decided('canceled'))).toBe(
      'Your decision on “spring” was not saved: its run was canceled meanwhile.',
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

describe('decision toasts', () => {
  it('name the task short: without its checkpoint’s lead, cut to a glance', () => {
    expect(
      decidedToast(
        'Approved',
        'Review blog post: Spring launch of the new trail running shoe line for the outdoors',
      ),
    ).toBe('Approved: “Spring launch of the new trail running…”');
    expect(decidedToast('Rejected', 'Review post: the quorum')).toBe('Rejected: “the quorum”');
    // A title without a lead, or with only a lead, is kept (shortened).
    expect(toastTitle('Weekly digest')).toBe('“Weekly digest”');
    expect(toastTitle('Review post: ')).toBe('“Review post:”');
  });
});
