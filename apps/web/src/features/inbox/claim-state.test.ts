import { describe, expect, it } from 'vitest';
import { claimAfterUpdate, claimStateOf, decisionLockedReason } from './claim-state.js';

const me = 'usr_me';
const open = (claimedBy: string | null) => ({ status: 'open' as const, claimedBy });

describe('claim state', () => {
  it('claims an unclaimed task on open and reads one held by another', () => {
    expect(claimStateOf(open(null), me)).toBe('mine');
    expect(claimStateOf(open('usr_other'), me)).toBe('other');
    expect(claimStateOf({ status: 'decided', claimedBy: null }, me)).toBe('closed');
  });

  it('no longer says "mine" once an escalation cleared the claim', () => {
    expect(claimAfterUpdate('mine', open(null), me)).toBe('released');
    // Later updates (an approval, a flag) leave it released until the reviewer takes it back.
    expect(claimAfterUpdate('released', open(null), me)).toBe('released');
    expect(claimAfterUpdate('released', open(me), me)).toBe('mine');
    expect(claimAfterUpdate('released', open('usr_manager'), me)).toBe('other');
  });

  it('takes the claim when the other reviewer lets go, and keeps a reader a reader', () => {
    expect(claimAfterUpdate('other', open(null), me)).toBe('reclaim');
    expect(claimAfterUpdate('mine', open(me), me)).toBe('mine');
    expect(claimAfterUpdate('readonly', open(null), me)).toBe('readonly');
    expect(claimAfterUpdate('readonly', open('usr_other'), me)).toBe('other');
    expect(claimAfterUpdate('loading', open(null), me)).toBe('loading');
    expect(claimAfterUpdate('mine', { status: 'expired', claimedBy: null }, me)).toBe('closed');
  });
});

describe('decisionLockedReason', () => {
  it('says why a decision key does nothing, and where to go next', () => {
    expect(decisionLockedReason('closed', 'Sam approved this task.')).toBe(
      'Sam approved this task. Press j for the next task.',
    );
    expect(decisionLockedReason('closed', 'You rejected this task: “Off brand”')).toBe(
      'You rejected this task: “Off brand”. Press j for the next task.',
    );
    expect(decisionLockedReason('other', '')).toMatch(/^Another reviewer is reviewing/);
    expect(decisionLockedReason('released', '')).toMatch(/take it back/);
    expect(decisionLockedReason('mine', '')).toBeNull();
    expect(decisionLockedReason('loading', '')).toBeNull();
  });
});
