import { describe, expect, it } from 'vitest';
import { runFocusStep } from './run-focus.js';

describe('runFocusStep', () => {
  it('is the step running while the run moves', () => {
    expect(runFocusStep({ start: { status: 'done' }, draft: { status: 'running' } })).toBe('draft');
  });

  it('is the step waiting for a reviewer, ahead of one still running on another branch', () => {
    expect(
      runFocusStep({
        start: { status: 'done' },
        other: { status: 'running' },
        review: { status: 'waiting' },
      }),
    ).toBe('review');
  });

  it('is none before the first step starts and once every step is over', () => {
    expect(runFocusStep({})).toBeNull();
    expect(runFocusStep({ start: { status: 'done' }, post: { status: 'failed' } })).toBeNull();
  });
});
