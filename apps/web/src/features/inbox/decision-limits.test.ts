import { describe, expect, it } from 'vitest';
import { decisionLimits } from './decision-limits.js';

const task = (over: Partial<Parameters<typeof decisionLimits>[0]> = {}) => ({
  round: 0,
  kind: 'blocking' as const,
  content: { text: 'Draft', sourceNodeId: 'draft' },
  extras: { maxRounds: 2, approveBlockedReason: null },
  ...over,
});

describe('decisionLimits', () => {
  it('leaves every decision open on a fresh AI draft', () => {
    expect(decisionLimits(task())).toEqual({ approve: null, requestChanges: null });
  });
  it('closes request changes once the rounds are used up, and says how many there were', () => {
    expect(decisionLimits(task({ round: 1 })).requestChanges).toBeNull();
    expect(decisionLimits(task({ round: 2 })).requestChanges).toBe(
      'No rounds of changes left (all 2 used): approve, edit or reject.',
    );
    expect(
      decisionLimits(task({ extras: { maxRounds: 0, approveBlockedReason: null } })).requestChanges,
    ).toMatch(/allows no rounds/);
  });
  it('keeps request changes open when the server did not say the limit', () => {
    expect(decisionLimits(task({ round: 9, extras: {} })).requestChanges).toBeNull();
  });
  it('closes request changes on spot checks and on content no AI step wrote', () => {
    expect(decisionLimits(task({ kind: 'spot_check' })).requestChanges).toMatch(/already went out/);
    expect(decisionLimits(task({ content: { text: 'Typed' } })).requestChanges).toMatch(/AI step/);
  });
  it('passes on why this reviewer may not approve', () => {
    const blocked = task({
      extras: {
        maxRounds: 2,
        approveBlockedReason: 'You started this run, so someone else must approve it',
      },
    });
    expect(decisionLimits(blocked).approve).toMatch(/You started this run/);
  });
});
