import { describe, expect, it } from 'vitest';
import { dueText } from './review-email.js';

describe('due times in review emails', () => {
  const dueAt = '2026-07-01T08:30:00.000Z';

  it('names the zone: UTC until the reader saved one, theirs after', () => {
    expect(dueText(dueAt)).toBe('Due 1 Jul 2026, 08:30 UTC');
    expect(dueText(dueAt, 'Europe/Paris')).toBe('Due 1 Jul 2026, 10:30 CEST');
    expect(dueText(dueAt, 'Asia/Kolkata')).toBe('Due 1 Jul 2026, 14:00 GMT+5:30');
  });

  it('says when there is no due time, and falls back to UTC for a zone it does not know', () => {
    expect(dueText(null, 'Europe/Paris')).toBe('No due time');
    expect(dueText(dueAt, 'Mars/Olympus_Mons')).toBe('Due 1 Jul 2026, 08:30 UTC');
  });
});
