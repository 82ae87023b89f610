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

describe('runOutcomeOf', () => {
  it('calls a run rejected when a review rejected it and nothing went out', () => {
    expect(runOutcomeOf([review(false)])).toBe('rejected');
  });

  it('calls it published when a publish step sent its content, whatever a review said', () => {
    expect(runOutcomeOf([review(false), published])).toBe('published');
    expect(runOutcomeOf([review(true), published])).toBe('published');
  });

  it('calls it completed when another review approved or nothing was reviewed', () => {
    // A loop back after a rejection, approved the second time, in a flow that publishes nothing.
    expect(runOutcomeOf([review(false), review(true)])).toBe('completed');
    expect(runOutcomeOf([review(true)])).toBe('completed');
    expect(runOutcomeOf([{ type: 'ai.generate', status: 'done', output: {} }])).toBe('completed');
  });
});
