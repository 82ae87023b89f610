import { describe, expect, it } from 'vitest';
import type { Step } from '@tandem/schema';
import { runOutcomeOf } from './run-outcome.js';

type S = Pick<Step, 'type' | 'status' | 'output'>;
const review = (approved: boolean): S => ({
  type: 'human.review',
  status: 'done',
  output: { approved },
});
const published: S = { type: 'publish.webhook', status: 'done', output: {} };
const succeeded = { status: 'succeeded' as const };

describe('runOutcomeOf', () => {
  it('calls a succeeded run rejected when a review rejected it and nothing went out', () => {
    expect(runOutcomeOf(succeeded, [review(false)])).toBe('rejected');
    expect(runOutcomeOf({ status: 'failed' }, [review(false)])).toBeUndefined();
  });

  it('does not when something was published or another review approved', () => {
    expect(runOutcomeOf(succeeded, [review(false), published])).toBeUndefined();
    // A loop back after a rejection, approved the second time, in a flow that publishes nothing.
    expect(runOutcomeOf(succeeded, [review(false), review(true)])).toBeUndefined();
    expect(runOutcomeOf(succeeded, [review(true)])).toBeUndefined();
  });
});
