import { describe, expect, it } from 'vitest';
import { learningEffect } from './learning-effect.js';
import { feedback } from './testing/feedback-fixture.js';

const at = (day: number): string => new Date(Date.UTC(2026, 2, day)).toISOString();
const edited = (day: number) =>
  feedback({ original: 'We utilize data well.', final: 'We use data well.', createdAt: at(day) });
const plain = (day: number) => feedback({ original: 'We use data well.', createdAt: at(day) });

describe('learningEffect', () => {
  it('compares edit rate and mean edit size before and after the acceptance', () => {
    const list = [
      edited(1),
      edited(2),
      edited(3),
      plain(4),
      feedback({ action: 'reject', final: '', createdAt: at(5) }),
      // accepted on day 10
      plain(11),
      plain(12),
      plain(13),
      feedback({ original: 'We utilize data well.', final: 'We utilize data.', createdAt: at(14) }),
    ];
    const effect = learningEffect(list, at(10), { minDecisions: 4 });
    expect(effect.before).toEqual({
      decisions: 5,
      approvals: 4,
      edited: 3,
      editRate: 0.6,
      meanEditSize: 2,
      rejectionRate: 0.2,
    });
    expect(effect.after).toEqual({
      decisions: 4,
      approvals: 4,
      edited: 1,
      editRate: 0.25,
      meanEditSize: 1,
      rejectionRate: 0,
    });
    expect(effect.editRateChange).toBeCloseTo(-0.35);
    expect(effect.meanEditSizeChange).toBeCloseTo(-1);
    expect(effect.enough).toBe(true);
    expect(effect.summary).toBe(
      'Edit rate 60% → 25%, mean edit size 2.0 → 1.0 words (5 decisions before, 4 after)',
    );
  });

  it('limits each side to the decisions nearest the acceptance and says when data is thin', () => {
    const list = [edited(1), edited(2), plain(3), plain(4), edited(11), edited(12), plain(13)];
    const effect = learningEffect(list, new Date(at(10)), { window: 2 });
    expect(effect.before).toMatchObject({ approvals: 2, edited: 0, editRate: 0 });
    expect(effect.after).toMatchObject({ approvals: 2, edited: 2, editRate: 1 });
    expect(effect.enough).toBe(false);
  });

  it('counts a draft written before the acceptance as before, however late it was decided', () => {
    const backlog = {
      ...edited(12),
      // Waited three days in the queue: drafted on day 9, before the rule.
      timeToDecideMs: 3 * 86_400_000,
    };
    const effect = learningEffect([edited(1), backlog, plain(13)], at(10));
    expect(effect.before).toMatchObject({ decisions: 2, edited: 2 });
    expect(effect.after).toMatchObject({ decisions: 1, edited: 0, editRate: 0 });
  });

  it('reports no change without approvals on one side', () => {
    const effect = learningEffect([edited(1)], at(10));
    expect(effect.after).toMatchObject({
      decisions: 0,
      editRate: null,
      meanEditSize: null,
      rejectionRate: null,
    });
    expect(effect.editRateChange).toBeNull();
    expect(effect.summary).toContain('n/a');
  });
});
