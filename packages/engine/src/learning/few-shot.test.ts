import { describe, expect, it } from 'vitest';
import { selectFewShotExamples, truncateText } from './few-shot.js';
import { feedback } from './testing/feedback-fixture.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 1, 1, 0, minute)).toISOString();

describe('selectFewShotExamples', () => {
  it('picks recent approved finals of the same step, edited ones first, newest first', () => {
    const list = [
      feedback({ original: 'Old plain.', createdAt: at(1) }),
      feedback({ original: 'Draft A.', final: 'Edited A.', createdAt: at(2) }),
      feedback({ original: 'Plain B.', createdAt: at(3) }),
      feedback({ original: 'Rejected.', action: 'reject', createdAt: at(4) }),
      feedback({ original: 'Sent back.', action: 'request_changes', createdAt: at(5) }),
      feedback({ original: 'Other step.', sourceNodeId: 'summary', createdAt: at(6) }),
      feedback({ original: 'Draft C.', final: 'Edited C.', createdAt: at(7) }),
      feedback({ original: 'Plain D.', createdAt: at(8) }),
    ];
    const picked = selectFewShotExamples(list, { k: 4, sourceNodeId: 'draft' });
    expect(picked.map((e) => e.text)).toEqual(['Edited C.', 'Edited A.', 'Plain D.', 'Plain B.']);
    expect(picked.map((e) => e.edited)).toEqual([true, true, false, false]);
    expect(picked[0]).toMatchObject({ truncated: false, createdAt: at(7) });
  });

  it('drops duplicates (ignoring case and spacing) and respects k', () => {
    const list = [
      feedback({ original: 'Same  text.', createdAt: at(1) }),
      feedback({ original: 'same text.', createdAt: at(2) }),
      feedback({ original: 'Different.', createdAt: at(3) }),
      feedback({ original: 'Third.', createdAt: at(4) }),
    ];
    const picked = selectFewShotExamples(list, { k: 2 });
    expect(picked.map((e) => e.text)).toEqual(['Third.', 'Different.']);
    expect(selectFewShotExamples(list, { k: 10 }).map((e) => e.text)).toEqual([
      'Third.',
      'Different.',
      'same text.',
    ]);
    expect(selectFewShotExamples(list, { k: 0 })).toEqual([]);
  });

  it('only considers the most recent window, so old edits age out', () => {
    const list = [
      feedback({ original: 'Ancient draft.', final: 'Ancient edit.', createdAt: at(1) }),
      ...Array.from({ length: 5 }, (_, i) =>
        feedback({ original: `Recent ${i}.`, createdAt: at(10 + i) }),
      ),
    ];
    const picked = selectFewShotExamples(list, { k: 1, window: 5 });
    expect(picked.map((e) => e.text)).toEqual(['Recent 4.']);
  });

  it('caps each example and the total length', () => {
    const long = Array.from({ length: 80 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const list = [
      feedback({ original: long, createdAt: at(1) }),
      feedback({ original: `${long} Second.`, createdAt: at(2) }),
      feedback({ original: `${long} Third.`, createdAt: at(3) }),
    ];
    const picked = selectFewShotExamples(list, {
      k: 3,
      maxCharsPerExample: 500,
      maxTotalChars: 1_100,
    });
    expect(picked).toHaveLength(2);
    for (const e of picked) {
      expect(e.truncated).toBe(true);
      expect(e.text.length).toBeLessThanOrEqual(505);
      expect(e.text.endsWith('here. […]')).toBe(true);
    }
  });

  it('truncates at a sentence or a word boundary', () => {
    expect(truncateText('Short.', 10)).toEqual({ text: 'Short.', truncated: false });
    expect(truncateText('One two. Three four five six', 20).text).toBe('One two. Three four […]');
    expect(truncateText('First sentence here. Second one is long', 30).text).toBe(
      'First sentence here. […]',
    );
  });
});
