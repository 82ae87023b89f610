import { describe, expect, it } from 'vitest';
import type { Evidence, Recommendation } from '@tandem/schema';
import { levelConsequence } from './level-consequence.js';

const evidence: Evidence = {
  decisions: 37,
  approvedUnedited: 25,
  unEditedApprovalRate: 25 / 37,
  editRate: 6 / 37,
  meanEditSize: 4,
  changesRequestedRate: 0,
  rejectionRate: 6 / 37,
  flaggedRate: 0,
  medianTimeToDecideMs: 5_000,
};
const keep: Recommendation = {
  direction: 'keep',
  to: null,
  reason:
    '20 of the last 30 approved unedited, 5 rejected; more automation needs 95% approved unedited and no rejection',
};
const raise: Recommendation = { direction: 'raise', to: 'review_flagged', reason: '30 of 30' };

describe('levelConsequence', () => {
  it('counts what reviewers stopped that a raise lets through, and says what is still read', () => {
    const c = levelConsequence('review_all', 'spot_check', evidence, '10', keep);
    expect(c?.text).toBe(
      'Of the last 37 items here, reviewers fixed or stopped 12 (about 1 in 3): 6 edited, 6 rejected. ' +
        'At Spot check, clean items like these go out without a reviewer reading them first; ' +
        '10% of them are read after publishing. Flagged items still wait.',
    );
    expect(c?.warning).toBe(`Further than the evidence supports: ${keep.reason}.`);
  });

  it('names the share of items reviewers stopped in words that fit it', () => {
    const share = (fixed: number, decisions: number) =>
      /\(([^)]+)\)/.exec(
        levelConsequence(
          'review_all',
          'spot_check',
          { ...evidence, decisions, editRate: fixed / decisions, rejectionRate: 0 },
          '10',
          keep,
        )?.text ?? '',
      )?.[1];
    expect(share(2, 2)).toBe('all of them');
    expect(share(19, 20)).toBe('nearly all');
    expect(share(3, 4)).toBe('more than half');
    expect(share(2, 4)).toBe('about 1 in 2');
    expect(share(1, 30)).toBe('about 1 in 30');
  });

  it('warns only past the level the recommendation supports', () => {
    const clean = { ...evidence, editRate: 0, rejectionRate: 0, approvedUnedited: 37 };
    const ok = levelConsequence('review_all', 'review_flagged', clean, '10', raise);
    expect(ok?.text).toMatch(/^Reviewers approved all of the last 37 items here as they were\./);
    expect(ok?.warning).toBeNull();
    expect(levelConsequence('review_all', 'auto', clean, '10', raise)?.warning).toMatch(
      /^Further than the evidence supports/,
    );
  });

  it('says when there is no evidence at all', () => {
    const c = levelConsequence('review_all', 'auto', null, '10', null);
    expect(c?.text).toMatch(/^No decisions here yet/);
    expect(c?.text).toContain('flagged items included');
    expect(c?.warning).toBe('No recommendation supports this yet.');
  });

  it('leaves out a sample rate that is not one, and tells a lowering what it costs reviewers', () => {
    expect(levelConsequence('review_all', 'review_flagged', evidence, 'abc', keep)?.text).toContain(
      'pass without a reviewer. Flagged items still wait.',
    );
    expect(levelConsequence('spot_check', 'review_all', evidence, '10', keep)).toEqual({
      text: "Every item waits for a reviewer. Reviewers get more of this checkpoint's items to decide.",
      warning: null,
    });
    expect(levelConsequence('spot_check', 'spot_check', evidence, '20', keep)).toBeNull();
  });
});
