import { describe, expect, it } from 'vitest';
import { DecisionInputSchema } from '@tandem/schema';
import { REJECT_TAGS, buildDecision, isEdited } from './decision-form.js';

const base = { original: 'Hello world', edited: 'Hello world', note: '', tags: [], revision: 3 };

describe('REJECT_TAGS', () => {
  it('has a tag for a rejection that is not about brand, facts, tone or law', () => {
    expect(REJECT_TAGS).toEqual(expect.arrayContaining(['too-long', 'other']));
    const result = buildDecision('reject', { ...base, note: 'Off topic', tags: ['other'] });
    expect(result.ok && DecisionInputSchema.safeParse(result.input).success).toBe(true);
  });
});

describe('buildDecision', () => {
  it('approves untouched content as approve', () => {
    expect(buildDecision('approve', base)).toEqual({
      ok: true,
      input: { action: 'approve', revision: 3 },
    });
  });
  it('approves edited content as edit with the new text', () => {
    const result = buildDecision('approve', { ...base, edited: 'Hello team' });
    expect(result).toEqual({
      ok: true,
      input: { action: 'edit', content: 'Hello team', revision: 3 },
    });
    if (result.ok) expect(DecisionInputSchema.safeParse(result.input).success).toBe(true);
  });
  it('does not count whitespace at line ends as an edit', () => {
    expect(isEdited({ original: 'a\nb', edited: 'a  \r\nb\n' })).toBe(false);
    expect(buildDecision('approve', { ...base, edited: '   ' })).toEqual({
      ok: false,
      errors: { content: 'The content is empty' },
    });
  });
  it('requires a note to request changes', () => {
    expect(buildDecision('requestChanges', { ...base, note: '  ' })).toEqual({
      ok: false,
      errors: { note: 'Say what should change' },
    });
    const ok = buildDecision('requestChanges', { ...base, note: ' Shorter please ' });
    expect(ok).toEqual({
      ok: true,
      input: { action: 'request_changes', reason: 'Shorter please', revision: 3 },
    });
    if (ok.ok) expect(DecisionInputSchema.safeParse(ok.input).success).toBe(true);
  });
  it('requires a reason and a tag to reject', () => {
    expect(buildDecision('reject', base)).toEqual({
      ok: false,
      errors: { note: 'Give a reason', tags: 'Pick at least one tag' },
    });
    expect(buildDecision('reject', { ...base, note: 'Wrong price', tags: ['inaccurate'] })).toEqual(
      {
        ok: true,
        input: { action: 'reject', reason: 'Wrong price', tags: ['inaccurate'], revision: 3 },
      },
    );
  });
});
