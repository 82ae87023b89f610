import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.js';

const decideTask = vi.hoisted(() => vi.fn());
vi.mock('./inbox-api.js', () => ({ decideTask }));

const { heldDecisions, holdBulkApproval } = await import('./held-decisions.js');

const tasks = ['a', 'b', 'c'].map((id) => ({ id, title: `Review: Post ${id}` }));

function setup() {
  const toast = { show: vi.fn(), dismissGroup: vi.fn() };
  const page = { onUndoBatch: vi.fn(), onApproved: vi.fn(), onHeldFailed: vi.fn() };
  holdBulkApproval({ tasks, windowMs: 5_000, toast }, page);
  return { toast, page };
}

describe('a bulk approval', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    decideTask.mockReset();
    decideTask.mockImplementation(async (id: string) => ({ id, status: 'decided' }));
  });
  afterEach(async () => {
    heldDecisions.discard(new Error('test over'));
    vi.useRealTimers();
  });

  it('is held with one Undo toast, then sent one by one with the time it was held', async () => {
    const { toast, page } = setup();
    expect(toast.show).toHaveBeenCalledWith('Approving 3 tasks…', 'success', {
      group: expect.any(String),
      action: { label: 'Undo', keyshortcut: 'z', onClick: expect.any(Function) },
      durationMs: 5_000,
    });
    expect(heldDecisions.latest()?.batch).toEqual(expect.any(String));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(decideTask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(decideTask.mock.calls).toEqual(
      // The queue reads the real clock (made before this test's fake one): the exact hold time
      // is pending-batch.test.ts's.
      ['a', 'b', 'c'].map((id) => [id, { action: 'approve', heldMs: expect.any(Number) }, false]),
    );
    expect(page.onApproved.mock.calls.map(([id]) => id)).toEqual(['a', 'b', 'c']);
    const group = toast.show.mock.calls[0]![2].group;
    expect(toast.show).toHaveBeenLastCalledWith('Approved 3', 'success', group);
    expect(page.onHeldFailed).not.toHaveBeenCalled();
  });

  it('hands the whole batch to the page’s undo from its toast, and sends nothing once undone', async () => {
    const { toast, page } = setup();
    toast.show.mock.calls[0]![2].action.onClick();
    const [batch] = page.onUndoBatch.mock.calls[0]!;
    expect(heldDecisions.undoBatch(batch).map((h) => h.taskId)).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(decideTask).not.toHaveBeenCalled();
    expect(toast.show).toHaveBeenCalledTimes(1);
  });

  it('counts tasks someone else took as skipped and says why others failed', async () => {
    decideTask.mockImplementation(async (id: string) => {
      if (id === 'a') throw new ApiError('TASK_CLAIMED', 'Claimed by Ana', 409);
      if (id === 'b') throw new ApiError('FORBIDDEN', 'Not assigned to you', 403);
      return { id, status: 'decided' };
    });
    const { toast, page } = setup();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(toast.show).toHaveBeenLastCalledWith(
      'Approved 1, 1 skipped (taken by someone else), 1 failed: Not assigned to you',
      'error',
      expect.any(String),
    );
    expect(page.onApproved.mock.calls.map(([id]) => id)).toEqual(['c']);
    expect(page.onHeldFailed).toHaveBeenCalledTimes(1);
  });
});
