import { describe, expect, it } from 'vitest';
import {
  formatAbsoluteTime,
  actorName,
  auditQuery,
  connectionTestMessage,
  formatExamples,
  formatPreferredTerms,
  issuesByField,
  linesToList,
  parseExamples,
  parsePreferredTerms,
  readableIssue,
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

describe('validation messages', () => {
  it("turns zod's wording into plain words", () => {
    expect(readableIssue('Invalid input: expected string, received undefined')).toBe('Required');
    expect(readableIssue('Invalid input: expected number, received string')).toBe('Enter a number');
    expect(readableIssue('Too small: expected number to be >=1')).toBe('Must be 1 or more');
    expect(readableIssue('Too big: expected string to have <=200 characters')).toBe(
      'At most 200 characters',
    );
    expect(readableIssue('Too small: expected string to have >=1 character')).toBe('Required');
    expect(readableIssue('Too small: expected string to have >=8 characters')).toBe(
      'At least 8 characters',
    );
  });
  it('leaves messages already written for people alone', () => {
    expect(readableIssue('The URL is not valid')).toBe('The URL is not valid');
  });
});

describe('issues by field', () => {
  it("shows each under its field without the field's own name, naming a nested place", () => {
    expect(
      issuesByField([
        { path: ['name'], message: 'Required' },
        {
          path: ['preferredTerms', 1, 'use'],
          message: 'Too big: expected string to have <=200 characters',
        },
        { path: ['name'], message: 'Second problem' },
      ]),
    ).toEqual({ name: 'Required', preferredTerms: '#2 › use: At most 200 characters' });
  });
});

describe('the audit log', () => {
  it('names who did it, falling back to the id of someone not (or no longer) listed', () => {
    const users = [{ id: 'usr_1', name: 'Ada Admin' }];
    expect(actorName('usr_1', users)).toBe('Ada Admin');
    expect(actorName('usr_gone', users)).toBe('usr_gone');
    expect(actorName(null, users)).toBe('system');
  });
});

describe('a failed connection test', () => {
  it('says what to check instead of a socket code', () => {
    for (const raw of [
      'Network error: ECONNREFUSED',
      'The mail server refused or failed: connect ECONNREFUSED 127.0.0.1:9',
    ]) {
      expect(connectionTestMessage(raw)).toMatch(/^Nothing answered at that address/);
    }
    expect(connectionTestMessage('Network error: ETIMEDOUT')).toMatch(/^No answer in time/);
    expect(connectionTestMessage('Network error: ECONNRESET')).toMatch(/cut the connection off/);
    expect(connectionTestMessage('Network error: CERT_HAS_EXPIRED')).toMatch(/certificate/);
    expect(connectionTestMessage('Network error: DEPTH_ZERO_SELF_SIGNED_CERT')).toMatch(
      /self-signed/,
    );
  });
  it('keeps messages already in words', () => {
    const dns = 'The host nonexistent.invalid could not be resolved';
    expect(connectionTestMessage(dns)).toBe(dns);
  });
});

describe('formatAbsoluteTime', () => {
  it('says the date, time and zone of an audit event, for its hover title', () => {
    expect(formatAbsoluteTime('2026-11-27T16:05:09.000Z', 'en-GB', 'UTC')).toBe(
      '27 Nov 2026, 16:05:09 UTC',
    );
    expect(formatAbsoluteTime('not a time')).toBe('not a time');
  });
});
