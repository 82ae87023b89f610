import { describe, expect, it } from 'vitest';
import {
  auditQuery,
  formatExamples,
  formatPreferredTerms,
  linesToList,
  parseExamples,
  parsePreferredTerms,
  userConflictMessage,
} from './settings-view.js';
import type { User } from '@tandem/schema';

describe('brand kit editing', () => {
  it('reads one term per line', () => {
    expect(linesToList(' a \n\n b\r\nc ')).toEqual(['a', 'b', 'c']);
  });
  it('reads preferred terms and reports bad lines by number', () => {
    expect(parsePreferredTerms('use = utilize\ncustomers = users\nbroken\na = b = c')).toEqual({
      terms: [
        { use: 'use', insteadOf: 'utilize' },
        { use: 'customers', insteadOf: 'users' },
      ],
      errors: ['Line 3: write it as "use = instead of"', 'Line 4: write it as "use = instead of"'],
    });
    const terms = [{ use: 'team', insteadOf: 'staff' }];
    expect(parsePreferredTerms(formatPreferredTerms(terms)).terms).toEqual(terms);
  });
  it('round-trips multi-line examples', () => {
    const examples = ['Line one\nline two', 'Second post'];
    expect(parseExamples(formatExamples(examples))).toEqual(examples);
  });
});

describe('auditQuery', () => {
  it('sends only filled filters', () => {
    expect(auditQuery({ actor: '', action: ' ', subject: '' })).toBe('');
    expect(auditQuery({ actor: 'u1', action: 'task.decided', subject: '' }, 'c2')).toBe(
      '?actor=u1&action=task.decided&cursor=c2',
    );
  });
});

describe('a refused user change', () => {
  const sent: User = {
    id: 'usr_1',
    email: 'ana@example.com',
    name: 'Ana',
    roles: ['reviewer'],
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    revision: 3,
  };
  it('says another admin changed the user when the reloaded row is newer', () => {
    const reloaded = { ...sent, name: 'Ana B', revision: 4 };
    expect(userConflictMessage(sent, reloaded, 'stale')).toMatch(
      /^Someone else changed Ana B while you were editing/,
    );
  });
  it("passes the server's reason on when nobody else changed the user", () => {
    expect(userConflictMessage(sent, sent, 'Keep at least one enabled admin')).toBe(
      'Keep at least one enabled admin',
    );
  });
});
