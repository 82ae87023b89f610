import { describe, expect, it } from 'vitest';
import { escalationLabel } from './escalation.js';

const now = Date.parse('2026-01-05T10:05:00.000Z');
const escalated = {
  escalatedAt: '2026-01-05T10:00:00.000Z',
  assignees: { roles: ['reviewer', 'manager'] as ('reviewer' | 'manager')[], userIds: [] },
};

describe('escalation', () => {
  it('says to whom and since when', () => {
    expect(escalationLabel(escalated, now)).toBe('Escalated to managers 5 minutes ago');
    expect(escalationLabel({ ...escalated, escalatedAt: '2026-01-05T10:04:50.000Z' }, now)).toBe(
      'Escalated to managers just now',
    );
  });

  it('says nothing of a task that was not escalated, and no role it does not know', () => {
    expect(escalationLabel({ ...escalated, escalatedAt: null }, now)).toBeNull();
    expect(escalationLabel({ escalatedAt: escalated.escalatedAt }, now)).toBe(
      'Escalated 5 minutes ago',
    );
  });
});
