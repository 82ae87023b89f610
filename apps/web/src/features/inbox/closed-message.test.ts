import { describe, expect, it } from 'vitest';
import { closedMessage } from './closed-message.js';

const decided = (action: 'approve' | 'edit' | 'request_changes' | 'reject', over = {}) => ({
  status: 'decided' as const,
  decision: { action, tags: [], actorId: 'u_rae', at: '2026-01-01T12:00:00.000Z', ...over },
});

describe('closedMessage', () => {
  it('names who decided and how, with their reason', () => {
    const task = decided('reject', { actorName: 'Rae Reviewer', reason: 'Off brand' });
    expect(closedMessage(task, 'u_rey')).toBe('Rae Reviewer rejected this task: “Off brand”');
  });
  it('says "You" to the person who decided it, and copes without a name', () => {
    expect(closedMessage(decided('edit'), 'u_rae')).toBe('You approved this task with edits.');
    expect(closedMessage(decided('approve'), 'u_rey')).toBe('Another reviewer approved this task.');
  });
  it('explains expired and canceled tasks', () => {
    expect(closedMessage({ status: 'expired', decision: null }, 'u')).toMatch(/expired/);
    expect(closedMessage({ status: 'canceled', decision: null }, 'u')).toMatch(/canceled/);
  });
});
