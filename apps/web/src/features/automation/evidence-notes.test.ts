import { describe, expect, it } from 'vitest';
import { recommendationScope } from './evidence-notes.js';

describe('recommendationScope', () => {
  const rec = (reason: string) => ({ reason });

  it('says the recommendation weighs the last 30 decisions while the figures count all 37', () => {
    expect(
      recommendationScope(
        { decisions: 37 },
        rec('29 of the last 30 approved unedited, 1 rejected'),
      ),
    ).toBe(
      'The recommendation weighs only the last 30 decisions, so recent work counts most; the figures count all 37.',
    );
  });

  it('says when the recommendation counts only the items that passed the checks', () => {
    expect(
      recommendationScope(
        { decisions: 34 },
        rec('22 decisions on items that passed the checks so far; at least 30 are needed'),
      ),
    ).toBe(
      'The recommendation counts only decisions on items that passed the checks; the figures count all 34, flagged ones included.',
    );
    expect(
      recommendationScope(
        { decisions: 37 },
        rec('29 of the last 30 items that passed the checks approved unedited'),
      ),
    ).toBe(
      'The recommendation weighs only the last 30 decisions on items that passed the checks, so recent work counts most; the figures count all 37.',
    );
  });

  it('says nothing when the recommendation counts every decision, or names no window', () => {
    expect(recommendationScope({ decisions: 30 }, rec('30 of the last 30 approved'))).toBeNull();
    expect(recommendationScope({ decisions: 12 }, rec('12 decisions so far'))).toBeNull();
    expect(recommendationScope(null, rec('29 of the last 30 approved'))).toBeNull();
    expect(recommendationScope({ decisions: 37 }, null)).toBeNull();
  });
});
