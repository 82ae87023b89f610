import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecisionInput } from '@tandem/schema';
import { MAX_HELD_BYTES, PendingDecisions } from './pending-decisions.js';

interface FakeTask {
  id: string;
  title: string;
}

const approve: DecisionInput = { action: 'approve' };
const tasks = ['a', 'b', 'c'].map((id) => ({ id, title: `Task ${id}` }));

function setup() {
  const sent: { taskId: string; input: DecisionInput; keepalive: boolean }[] = [];
  /** Requests in flight, by task, answered one by one (see answer). */
  const waiting = new Map<string, () => void>();
  const send = vi.fn(async (taskId: string, input: DecisionInput, keepalive: boolean) => {
    sent.push({ taskId, input, keepalive });
    if (!keepalive) await new Promise<void>((resolve) => waiting.set(taskId, resolve));
    return `stored ${taskId}`;
  });
  const queue = new PendingDecisions<FakeTask, string>(send);
  const answer = async (taskId: string) => {
    waiting.get(taskId)!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { queue, sent, answer };
}

describe('a bulk approval held as one', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends nothing during its window, then each decision in turn, saying how long it was held', async () => {
    const { queue, sent, answer } = setup();
    const onSent = vi.fn();
    queue.holdBatch('bulk-1', tasks, approve, 5_000, (task) => ({
      onSent: () => onSent(task.id),
    }));
    expect(queue.list().map((h) => [h.taskId, h.batch])).toEqual([
      ['a', 'bulk-1'],
      ['b', 'bulk-1'],
      ['c', 'bulk-1'],
    ]);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    // One request at a time, as the reviewer's one action: the next waits for the answer.
    expect(sent).toEqual([{ taskId: 'a', input: { ...approve, heldMs: 5_000 }, keepalive: false }]);
    // Being sent, none of it can be taken back in part.
    expect(queue.undo('c')).toBeNull();
    expect(queue.latest()).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    await answer('a');
    expect(sent.map((s) => [s.taskId, s.input.heldMs])).toEqual([
      ['a', 5_000],
      ['b', 6_000],
    ]);
    await answer('b');
    await answer('c');
    expect(onSent.mock.calls.map(([id]) => id)).toEqual(['a', 'b', 'c']);
    expect(queue.hasBatch('bulk-1')).toBe(false);
    expect(queue.list()).toEqual([]);
  });

  it('is taken back whole by undoBatch, and z finds it as the latest hold', async () => {
    const { queue, sent } = setup();
    queue.hold({ id: 'single', title: 'Single' }, approve, 5_000, {});
    queue.holdBatch('bulk-1', tasks, approve, 5_000, () => ({}));
    expect(queue.latest()?.batch).toBe('bulk-1');
    expect(queue.undoBatch('bulk-1').map((h) => h.taskId)).toEqual(['a', 'b', 'c']);
    expect(queue.hasBatch('bulk-1')).toBe(false);
    expect(queue.latest()?.taskId).toBe('single');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.map((s) => s.taskId)).toEqual(['single']);
  });

  it('sends the rest when one of its tasks is taken back on its own', async () => {
    const { queue, sent, answer } = setup();
    queue.holdBatch('bulk-1', tasks, approve, 5_000, () => ({}));
    expect(queue.undo('b')?.taskId).toBe('b');
    await vi.advanceTimersByTimeAsync(5_000);
    await answer('a');
    expect(sent.map((s) => s.taskId)).toEqual(['a', 'c']);
  });

  it('is sent at once, all of it, as keepalive requests when the page goes away', async () => {
    const { queue, sent } = setup();
    queue.holdBatch('bulk-1', tasks, approve, 5_000, () => ({}));
    await queue.flush(true);
    expect(sent.map((s) => [s.taskId, s.keepalive])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(3);
  });

  it('sends the decisions still waiting their turn when the page goes away mid-batch', async () => {
    const { queue, sent, answer } = setup();
    queue.holdBatch('bulk-1', tasks, approve, 5_000, () => ({}));
    await vi.advanceTimersByTimeAsync(5_000);
    await queue.flush(true);
    expect(sent.map((s) => [s.taskId, s.keepalive])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
    ]);
    await answer('a');
    expect(sent).toHaveLength(3);
  });

  it('sends none of what waits its turn once the session ends', async () => {
    const { queue, sent } = setup();
    const onFailed = vi.fn();
    queue.holdBatch('bulk-1', tasks, approve, 5_000, () => ({ onFailed }));
    await vi.advanceTimersByTimeAsync(5_000);
    queue.discard(new Error('Your session ended'));
    expect(onFailed).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.map((s) => s.taskId)).toEqual(['a']);
  });

  it('is held only if all of it fits what a page on its way out may still send', () => {
    const { queue } = setup();
    const perDecision = new TextEncoder().encode(JSON.stringify(approve)).length;
    const fits = Math.floor(MAX_HELD_BYTES / perDecision);
    expect(queue.canHold(approve, fits)).toBe(true);
    expect(queue.canHold(approve, fits + 1)).toBe(false);
  });
});
