import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DECISION_HOLD_MS, type DecisionInput } from '@tandem/schema';
import {
  MAX_HELD_BYTES,
  PendingDecisions,
  readUndoWindow,
  writeUndoWindow,
} from './pending-decisions.js';

interface FakeTask {
  id: string;
  title: string;
}

const approve: DecisionInput = { action: 'approve' };

function setup() {
  const sent: { taskId: string; input: DecisionInput; keepalive: boolean }[] = [];
  let fail: unknown = null;
  /** While set, sends wait for it: a request in flight. */
  let inFlight: Promise<void> | null = null;
  const send = vi.fn(async (taskId: string, input: DecisionInput, keepalive: boolean) => {
    sent.push({ taskId, input, keepalive });
    if (inFlight) await inFlight;
    if (fail) throw fail;
    return `stored ${taskId}`;
  });
  const queue = new PendingDecisions<FakeTask, string>(send);
  const holdSends = () => {
    let release!: () => void;
    inFlight = new Promise((resolve) => (release = resolve));
    return () => {
      inFlight = null;
      release();
    };
  };
  return { queue, sent, failWith: (e: unknown) => (fail = e), holdSends };
}

describe('PendingDecisions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a held decision only when its window is up, and reports the answer', async () => {
    const { queue, sent } = setup();
    const onSent = vi.fn();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, { onSent });
    expect(queue.has('t1')).toBe(true);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      { taskId: 't1', input: { ...approve, heldMs: 5_000 }, keepalive: false },
    ]);
    expect(onSent).toHaveBeenCalledWith('stored t1');
    expect(queue.has('t1')).toBe(false);
  });

  it('tells the server how long it held each decision, so the time to decide ends when decided', async () => {
    const { queue, sent } = setup();
    queue.hold({ id: 't1', title: 'One' }, approve, 20_000, {});
    await vi.advanceTimersByTimeAsync(3_000);
    queue.hold({ id: 't2', title: 'Two' }, approve, 20_000, {});
    await vi.advanceTimersByTimeAsync(1_500);
    // Sent early (the page goes away): held only as long as it was.
    await queue.flush(true);
    expect(sent.map((s) => [s.taskId, s.input.heldMs])).toEqual([
      ['t1', 4_500],
      ['t2', 1_500],
    ]);
  });

  it('counts at most the longest hold on offer when the page slept past the send time', async () => {
    const { queue, sent } = setup();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, {});
    // A suspended laptop: the clock moves on, the timer has not fired yet.
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent[0]?.input.heldMs).toBe(MAX_DECISION_HOLD_MS);
  });

  it('sends nothing for a decision taken back, and gives back what was held', async () => {
    const { queue, sent } = setup();
    const task = { id: 't1', title: 'One' };
    queue.hold(task, { action: 'reject', reason: 'Off brand', tags: ['tone'] }, 5_000, {});
    const taken = queue.undo('t1');
    expect(taken).toMatchObject({ taskId: 't1', task, input: { action: 'reject' } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([]);
    expect(queue.undo('t1')).toBeNull();
  });

  it('undoes the latest decision first (z twice walks back)', () => {
    const { queue } = setup();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, {});
    queue.hold({ id: 't2', title: 'Two' }, approve, 5_000, {});
    expect(queue.latest()?.taskId).toBe('t2');
    queue.undo('t2');
    expect(queue.latest()?.taskId).toBe('t1');
    queue.undo('t1');
    expect(queue.latest()).toBeNull();
  });

  it('cannot undo once sent', async () => {
    const { queue } = setup();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(queue.undo('t1')).toBeNull();
  });

  it('sends everything at once when flushed, as keepalive requests when the page goes away', async () => {
    const { queue, sent } = setup();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, {});
    queue.hold({ id: 't2', title: 'Two' }, approve, 5_000, {});
    await queue.flush(true);
    expect(sent.map((s) => [s.taskId, s.keepalive])).toEqual([
      ['t1', true],
      ['t2', true],
    ]);
    // Their timers are gone with them: nothing is sent a second time.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(2);
  });

  it('tells the page when the server refuses a held decision', async () => {
    const { queue, failWith } = setup();
    const refusal = new Error('Someone else already decided this task');
    failWith(refusal);
    const onSent = vi.fn();
    const onFailed = vi.fn();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, { onSent, onFailed });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(onFailed).toHaveBeenCalledWith(refusal);
    expect(onSent).not.toHaveBeenCalled();
  });

  it('replaces a held decision on the same task rather than sending both', async () => {
    const { queue, sent } = setup();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, {});
    queue.hold({ id: 't1', title: 'One' }, { action: 'reject', reason: 'No', tags: [] }, 5_000, {});
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.map((s) => s.input.action)).toEqual(['reject']);
  });

  it('keeps a decision in flight listed (its task stays hidden) but no longer undoable', async () => {
    const { queue, holdSends } = setup();
    const release = holdSends();
    const onSent = vi.fn();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, { onSent });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(queue.list().map((h) => [h.taskId, h.state])).toEqual([['t1', 'sending']]);
    expect(queue.has('t1')).toBe(true);
    expect(queue.undo('t1')).toBeNull();
    expect(queue.latest()).toBeNull();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(onSent).toHaveBeenCalledWith('stored t1');
    expect(queue.list()).toEqual([]);
  });

  it('holds no more text than a page on its way out may still send (keepalive caps bodies)', () => {
    const { queue } = setup();
    const edit = (chars: number): DecisionInput => ({
      action: 'edit',
      content: 'é'.repeat(chars),
    });
    // Two bytes a character in UTF-8: the limit is on bytes sent, not on characters.
    expect(queue.canHold(edit(MAX_HELD_BYTES / 2 - 100))).toBe(true);
    expect(queue.canHold(edit(MAX_HELD_BYTES / 2 + 100))).toBe(false);
    queue.hold({ id: 't1', title: 'One' }, edit(MAX_HELD_BYTES / 4), 5_000, {});
    expect(queue.canHold(edit(MAX_HELD_BYTES / 4))).toBe(false);
    expect(queue.canHold(approve)).toBe(true);
  });

  it('drops what it holds when the session ends, telling each why, and sends none of it', async () => {
    const { queue, sent } = setup();
    const onFailed = vi.fn();
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, { onFailed });
    queue.hold({ id: 't2', title: 'Two' }, approve, 5_000, { onFailed });
    const ended = new Error('Your session ended');
    queue.discard(ended);
    expect(onFailed).toHaveBeenCalledTimes(2);
    expect(onFailed).toHaveBeenCalledWith(ended);
    expect(queue.list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([]);
  });

  it('keeps one list while nothing changes, and tells subscribers when it does', () => {
    const { queue } = setup();
    const listener = vi.fn();
    const off = queue.subscribe(listener);
    const before = queue.list();
    expect(queue.list()).toBe(before);
    queue.hold({ id: 't1', title: 'One' }, approve, 5_000, {});
    expect(listener).toHaveBeenCalledTimes(1);
    expect(queue.list().map((h) => h.taskId)).toEqual(['t1']);
    off();
    queue.undo('t1');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('the undo hold time', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is five seconds until the reviewer picks another, off included', () => {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
    });
    expect(readUndoWindow()).toBe(5_000);
    writeUndoWindow(0);
    expect(readUndoWindow()).toBe(0);
    writeUndoWindow(20_000);
    expect(readUndoWindow()).toBe(20_000);
    // Something not on offer (an old or hand-edited value) falls back to the default.
    stored.set('tandem.inbox.undo', '7');
    expect(readUndoWindow()).toBe(5_000);
  });

  it('is the default, and saving it does not throw, where storage is missing', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(readUndoWindow()).toBe(5_000);
    expect(() => writeUndoWindow(0)).not.toThrow();
  });
});
