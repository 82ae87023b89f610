import { describe, expect, it } from 'vitest';
import type { Flag } from '@tandem/schema';
import { approveQuestion, openErrors } from './approve-check.js';

const banned: Flag = {
  rule: 'banned_phrase',
  severity: 'error',
  match: 'get back to you',
  message: 'Banned phrase "get back to you"',
};
const disclaimer: Flag = { rule: 'missing_disclaimer', severity: 'error', message: 'Missing' };
const term: Flag = { rule: 'preferred_term', severity: 'warning', match: 'folks', message: 'Use' };

describe('approving content with error flags', () => {
  it('counts the errors the text still has, not the warnings', () => {
    const text = 'Hi folks, we will get back to you.';
    expect(openErrors(text, [banned, disclaimer, term])).toBe(2);
    expect(openErrors(text, [term])).toBe(0);
  });

  it('drops an error the reviewer edited away', () => {
    expect(openErrors('Hi folks, we will reply soon.', [banned, term])).toBe(0);
  });

  it('asks before approving only when errors remain', () => {
    expect(approveQuestion(0)).toBeNull();
    expect(approveQuestion(1)).toBe('Approve despite 1 error?');
    expect(approveQuestion(2)).toBe('Approve despite 2 errors?');
  });
});
