import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client.js';
import type { TaskDetail } from '../../inbox/inbox-api.js';
import {
  DECIDED_TEXT,
  openTaskFor,
  reviewText,
  sendTestDecision,
  testDecision,
} from './test-review.js';

const draft = { original: 'Spring is here', edited: 'Spring is here', note: '', tags: [] };

describe('openTaskFor', () => {
  it('picks the checkpoint’s newest open task', () => {
    const tasks = [
      { id: 't1', nodeId: 'review', status: 'decided', createdAt: '2026-01-01T10:00:00Z' },
      { id: 't2', nodeId: 'review', status: 'open', createdAt: '2026-01-01T10:05:00Z' },
      { id: 't3', nodeId: 'review', status: 'open', createdAt: '2026-01-01T10:09:00Z' },
      { id: 't4', nodeId: 'other', status: 'open', createdAt: '2026-01-01T10:10:00Z' },
    ] as const;
    expect(openTaskFor(tasks, 'review')?.id).toBe('t3');
    expect(openTaskFor(tasks, 'nowhere')).toBeNull();
  });
});

describe('testDecision', () => {
  it('approves as is, or with the edits made', () => {
    expect(testDecision('approve', { ...draft, revision: 3 })).toEqual({
      ok: true,
      input: { action: 'approve', revision: 3 },
    });
    expect(testDecision('approve', { ...draft, edited: 'Spring has come' })).toEqual({
      ok: true,
      input: { action: 'edit', content: 'Spring has come' },
    });
  });

  it('needs a note to send back for changes', () => {
    expect(testDecision('requestChanges', draft)).toEqual({
      ok: false,
      errors: { note: 'Say what should change' },
    });
    expect(testDecision('requestChanges', { ...draft, note: ' Shorter ' })).toEqual({
      ok: true,
      input: { action: 'request_changes', reason: 'Shorter' },
    });
  });

  it('rejects without tags, with the reason when one is given', () => {
    expect(testDecision('reject', draft)).toEqual({ ok: true, input: { action: 'reject' } });
    expect(testDecision('reject', { ...draft, note: 'Off brand', revision: 1 })).toEqual({
      ok: true,
      input: { action: 'reject', reason: 'Off brand', revision: 1 },
    });
  });

  it('says what happens next for every decision', () => {
    expect(Object.keys(DECIDED_TEXT).sort()).toEqual([
      'approve',
      'edit',
      'reject',
      'request_changes',
    ]);
  });
});

describe('reviewText', () => {
  it('reads the text, or the data as JSON', () => {
    expect(reviewText({ text: 'Hi' })).toBe('Hi');
    expect(reviewText({ data: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(reviewText({})).toBe('');
  });
});

describe('sendTestDecision', () => {
  const task = { id: 'tsk_1', status: 'decided' } as unknown as TaskDetail;

  it('sends the decision to the task and says what happens next', async () => {
    const send = vi.fn().mockResolvedValue(task);
    const outcome = await sendTestDecision(
      'tsk_1',
      'approve',
      { ...draft, edited: 'Spring has come', revision: 2 },
      send,
    );
    expect(send).toHaveBeenCalledWith('tsk_1', {
      action: 'edit',
      content: 'Spring has come',
      revision: 2,
    });
    expect(outcome).toEqual({ kind: 'decided', text: DECIDED_TEXT.edit, task });
  });

  it('sends nothing for a request for changes without a note', async () => {
    const send = vi.fn();
    const outcome = await sendTestDecision('tsk_1', 'requestChanges', draft, send);
    expect(send).not.toHaveBeenCalled();
    expect(outcome).toEqual({ kind: 'invalid', note: 'Say what should change', content: null });
  });

  it('reads a refusal: someone (another tab) decided first, or a plain error', async () => {
    const decided = new ApiError('TASK_ALREADY_DECIDED', 'Already decided', 409, {});
    const lost = await sendTestDecision('tsk_1', 'reject', draft, () => Promise.reject(decided));
    expect(lost).toMatchObject({ kind: 'refused', failure: { kind: 'lost', lost: 'decided' } });
    const forbidden = new ApiError('FORBIDDEN', 'Not yours to decide', 403, {});
    const refused = await sendTestDecision('tsk_1', 'approve', draft, () =>
      Promise.reject(forbidden),
    );
    expect(refused).toEqual({
      kind: 'refused',
      failure: { kind: 'message', message: 'Not yours to decide' },
    });
  });
});
