import { describe, expect, it } from 'vitest';
import { flagAdvice, flagPlace, flagSources } from './flag-advice.js';

describe('flag advice', () => {
  it('says what to do for each rule, and something useful for a rule it does not know', () => {
    expect(flagAdvice({ rule: 'too_long' })).toContain('shorter draft (c)');
    expect(flagAdvice({ rule: 'item_ceiling' })).toBe(
      'Fix it in the text (e), send it back (c) or reject it (r).',
    );
  });

  it('counts where the flagged text is, ignoring case; nothing for a flag about the whole', () => {
    expect(flagPlace({ match: 'Synergy' }, 'synergy and more synergy')).toBe(
      'marked 2 times in the text below',
    );
    expect(flagPlace({ match: 'gone' }, 'edited out')).toBeNull();
    expect(flagPlace({}, 'anything')).toBeNull();
  });

  it('names each step that raised flags once, as the flow labels it', () => {
    const context = [{ nodeId: 'brand', type: 'check.brand', label: 'Brand check', output: {} }];
    const flag = {
      rule: 'banned_phrase',
      severity: 'error',
      message: 'x',
      nodeId: 'brand',
    } as const;
    expect(flagSources([flag, flag], context)).toEqual(['Brand check']);
    expect(flagSources([{ ...flag, nodeId: 'gone' }], context)).toEqual([]);
  });
});
