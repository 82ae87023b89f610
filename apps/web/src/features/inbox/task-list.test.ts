import { describe, expect, it } from 'vitest';
import type { Task } from '@tandem/schema';
import { toInboxTask } from './inbox-api.js';
import {
  EMPTY_FILTER,
  applyTaskEvent,
  bulkApprovable,
  bulkInView,
  checkpointOptions,
  cleanAcrossCheckpoints,
  contentPreview,
  inboxTitle,
  taskCount,
  isFilterActive,
  moveSelection,
  nextAfterDecision,
  visibleTasks,
  type TaskSummary,
} from './task-list.js';
import { openTaskFixture } from '../../testing/task-fixture.js';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');
const inMin = (m: number): string => new Date(NOW + m * 60_000).toISOString();

function task(id: string, over: Partial<Task> = {}): Task {
  return openTaskFixture({
    id,
    runId: `run-${id}`,
    flowId: 'f1',
    stepId: `step-${id}`,
    title: 'Review post',
    content: { text: 'Hello' },
    createdAt: '2026-01-01T11:00:00.000Z',
    updatedAt: '2026-01-01T11:00:00.000Z',
    ...over,
  });
}
const flag = { rule: 'banned', message: 'Banned phrase', severity: 'warning' as const };
const same = (t: Task): TaskSummary => t;

describe('visibleTasks', () => {
  const tasks = [
    task('late', { dueAt: inMin(600) }),
    task('none'),
    task('soon', { dueAt: inMin(30), flags: [flag] }),
    task('other', { flowId: 'f2', nodeId: 'check', title: 'Email', dueAt: inMin(5) }),
  ];

  it('sorts by due time, tasks without one last', () => {
    expect(visibleTasks(tasks, EMPTY_FILTER, NOW).map((t) => t.id)).toEqual([
      'other',
      'soon',
      'late',
      'none',
    ]);
  });
  it('filters by flow, checkpoint, flagged and due soon, combined', () => {
    const ids = (f: Partial<typeof EMPTY_FILTER>): string[] =>
      visibleTasks(tasks, { ...EMPTY_FILTER, ...f }, NOW).map((t) => t.id);
    expect(ids({ flowId: 'f1' })).toEqual(['soon', 'late', 'none']);
    expect(ids({ checkpoint: 'f2:check' })).toEqual(['other']);
    expect(ids({ flaggedOnly: true })).toEqual(['soon']);
    expect(ids({ dueSoonOnly: true })).toEqual(['other', 'soon']);
    expect(ids({ dueSoonOnly: true, flowId: 'f1' })).toEqual(['soon']);
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, flaggedOnly: true })).toBe(true);
  });
  it('lists checkpoints with counts, named by flow and node', () => {
    const names: Record<string, string> = { f1: 'Launch', f2: 'Newsletter' };
    expect(checkpointOptions(tasks, (id) => names[id] ?? id)).toEqual([
      { key: 'f1:review', flowId: 'f1', nodeId: 'review', title: 'Launch · review', count: 3 },
      { key: 'f2:check', flowId: 'f2', nodeId: 'check', title: 'Newsletter · check', count: 1 },
    ]);
    expect(checkpointOptions([tasks[3]!])[0]!.title).toBe('f2 · check');
  });

  it('names a checkpoint by its step’s name, not its node id', () => {
    const names: Record<string, string> = { f1: 'Launch', f2: 'Newsletter' };
    const steps: Record<string, string> = { 'f1:review': 'Editor review' };
    const options = checkpointOptions(
      [task('a', { flowId: 'f1', nodeId: 'review' }), task('b', { flowId: 'f2', nodeId: 'check' })],
      (id) => names[id] ?? id,
      (flowId, nodeId) => steps[`${flowId}:${nodeId}`],
    );
    expect(options.map((o) => o.title)).toEqual(['Launch · Editor review', 'Newsletter · check']);
  });
});

describe('applyTaskEvent', () => {
  const list: readonly TaskSummary[] = [task('a'), task('b')];

  it('adds a created task once', () => {
    const next = applyTaskEvent(list, { type: 'task.created', task: task('c') }, same);
    expect(next.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    const again = applyTaskEvent(next, { type: 'task.created', task: task('c') }, same);
    expect(again.map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });
  it('updates a claim in place', () => {
    const claimed = task('b', { claimedBy: 'u2', revision: 2 });
    const next = applyTaskEvent(
      list,
      { type: 'task.updated', task: claimed, change: 'claimed' },
      same,
    );
    expect(next.map((t) => [t.id, t.claimedBy])).toEqual([
      ['a', null],
      ['b', 'u2'],
    ]);
  });
  it('ignores an event older than what the list shows', () => {
    const fresh: TaskSummary[] = [task('a', { revision: 5, claimedBy: 'u1' })];
    const stale = task('a', { revision: 3 });
    expect(
      applyTaskEvent(fresh, { type: 'task.updated', task: stale, change: 'released' }, same),
    ).toBe(fresh);
  });
  it("drops a quorum task once this user's approval is in, not when someone else's is", () => {
    const approval = (actorId: string) => ({
      action: 'approve' as const,
      tags: [],
      actorId,
      at: '2026-01-01T12:00:00.000Z',
    });
    const mine = task('a', { requiredApprovals: 2, approvals: [approval('me')], revision: 3 });
    const event = { type: 'task.updated', task: mine, change: 'approval_added' } as const;
    expect(applyTaskEvent(list, event, same, 'me').map((t) => t.id)).toEqual(['b']);
    expect(applyTaskEvent(list, event, same, 'someone-else').map((t) => t.id)).toEqual(['a', 'b']);
  });
  it('removes decided, expired and canceled tasks', () => {
    for (const change of ['decided', 'expired', 'canceled'] as const) {
      const next = applyTaskEvent(list, { type: 'task.updated', task: task('a'), change }, same);
      expect(next.map((t) => t.id)).toEqual(['b']);
    }
    const closed = task('b', { status: 'decided' });
    expect(
      applyTaskEvent(list, { type: 'task.updated', task: closed, change: 'approval_added' }, same)
        .length,
    ).toBe(1);
    const unknown = applyTaskEvent(
      list,
      { type: 'task.updated', task: task('zz', { status: 'expired' }), change: 'expired' },
      same,
    );
    expect(unknown).toBe(list);
  });
});

describe('selection', () => {
  const ids = ['a', 'b', 'c'];
  it('moves with j/k and clamps at the ends', () => {
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, null, -1)).toBe('c');
    expect(moveSelection(ids, 'a', 1)).toBe('b');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
  it('goes on from where a task that left the list under the reviewer stood', () => {
    const before = ['a', 'b', 'c', 'd'];
    const now = ['a', 'c', 'd'];
    expect(moveSelection(now, 'b', 1, before)).toBe('c');
    expect(moveSelection(now, 'b', -1, before)).toBe('a');
    expect(moveSelection(['a', 'b', 'c'], 'd', 1, before)).toBe('c');
    expect(moveSelection(['b', 'c', 'd'], 'a', -1, before)).toBe('b');
    // Unknown to both lists (a link from elsewhere): the first or the last, as before.
    expect(moveSelection(now, 'x', 1, before)).toBe('a');
    expect(moveSelection(now, 'x', -1, before)).toBe('d');
  });
  it('opens the following task after a decision, else the previous', () => {
    expect(nextAfterDecision(ids, 'a')).toBe('b');
    expect(nextAfterDecision(ids, 'b')).toBe('c');
    expect(nextAfterDecision(ids, 'c')).toBe('b');
    expect(nextAfterDecision(['a'], 'a')).toBeNull();
    expect(nextAfterDecision(ids, 'gone')).toBe('a');
  });
});

describe('bulkInView', () => {
  const tasks = [task('clean'), task('flagged', { flags: [flag] }), task('other', { nodeId: 'x' })];
  it('offers only the clean tasks the list shows: none under the Flagged filter', () => {
    const shown = visibleTasks(tasks, { ...EMPTY_FILTER, flaggedOnly: true }, NOW);
    expect(bulkInView(shown, null, 'me')).toEqual({ checkpoint: 'f1:review', tasks: [] });
  });
  it('needs one checkpoint: the one filtered on, or the only one shown', () => {
    expect(bulkInView(tasks, null, 'me')).toBeNull();
    expect(bulkInView(tasks, 'f1:review', 'me')?.tasks.map((t) => t.id)).toEqual(['clean']);
  });
});

describe('cleanAcrossCheckpoints', () => {
  const two = [task('a'), task('b'), task('c', { nodeId: 'x' })];
  it('counts the clean tasks bulk approve waits on a checkpoint for, with two in the list', () => {
    expect(cleanAcrossCheckpoints(two, null, 'me')).toBe(3);
  });
  it('says nothing with a checkpoint picked, one checkpoint shown, or no pair to approve', () => {
    expect(cleanAcrossCheckpoints(two, 'f1:review', 'me')).toBe(0);
    expect(cleanAcrossCheckpoints(two.slice(0, 2), null, 'me')).toBe(0);
    expect(cleanAcrossCheckpoints([task('a'), task('c', { nodeId: 'x' })], null, 'me')).toBe(0);
  });
});

describe('bulkApprovable', () => {
  it('takes clean tasks of one checkpoint not claimed by someone else', () => {
    const tasks = [
      task('clean'),
      task('mine', { claimedBy: 'me' }),
      task('theirs', { claimedBy: 'other' }),
      task('flagged', { flags: [flag] }),
      task('elsewhere', { nodeId: 'x' }),
    ];
    expect(bulkApprovable(tasks, 'f1:review', 'me').map((t) => t.id)).toEqual(['clean', 'mine']);
  });
  it("leaves out the reviewer's own runs where separation of duties applies", () => {
    const tasks = [
      task('own', { startedBy: 'me', separationOfDuties: true }),
      task('own-no-rule', { startedBy: 'me', separationOfDuties: false }),
      task('theirs', { startedBy: 'other', separationOfDuties: true }),
    ];
    expect(bulkApprovable(tasks, 'f1:review', 'me').map((t) => t.id)).toEqual([
      'own-no-rule',
      'theirs',
    ]);
  });
  it('leaves out a quorum task another reviewer edited: their text is read before it is approved', () => {
    const edit = {
      action: 'edit' as const,
      content: 'Edited',
      tags: [],
      actorId: 'u2',
      at: '2026-01-01T00:00:00.000Z',
    };
    const approve = { ...edit, action: 'approve' as const, content: undefined };
    const tasks = [
      toInboxTask(task('edited', { requiredApprovals: 2, approvals: [edit] })),
      toInboxTask(task('approved', { requiredApprovals: 2, approvals: [approve] })),
      toInboxTask(task('fresh', { requiredApprovals: 2 })),
    ];
    expect(tasks.map((t) => t.editedByReviewer)).toEqual([true, false, false]);
    expect(bulkApprovable(tasks, 'f1:review', 'me').map((t) => t.id)).toEqual([
      'approved',
      'fresh',
    ]);
  });
});

describe('inboxTitle', () => {
  it('puts the count first and caps it', () => {
    expect(inboxTitle(0)).toBe('Inbox · Tandem');
    expect(inboxTitle(3)).toBe('(3) Inbox · Tandem');
    expect(inboxTitle(250)).toBe('(99+) Inbox · Tandem');
  });
});

describe('contentPreview', () => {
  it('is the first non-empty line of the text, shortened to fit one list row', () => {
    expect(contentPreview({ text: '\n  Spring launch #2  \n\nMore text' })).toBe(
      'Spring launch #2',
    );
    const long = contentPreview({ text: 'word '.repeat(40) });
    expect(long.length).toBeLessThanOrEqual(90);
    expect(long.endsWith('…')).toBe(true);
  });

  it('is empty when there is no content', () => {
    expect(contentPreview({})).toBe('');
    expect(contentPreview(undefined)).toBe('');
  });

  it('summarizes structured content instead of showing its JSON\'s "{"', () => {
    const data = {
      changes: [
        { channel: 'Search ads', current: 4000, proposed: 4400 },
        { channel: 'Social', current: 3000, proposed: 2600 },
      ],
      summary: 'Moves 400 from Social to Search ads.',
    };
    expect(contentPreview({ text: JSON.stringify(data, null, 2), data })).toBe(
      '2 items: Search ads, Social',
    );
    expect(
      contentPreview({ text: '{\n  "headline": "Big news"\n}', data: { headline: 'Big news' } }),
    ).toBe('Big news');
  });
});

describe('taskCount', () => {
  it('says the inbox count as words after the name', () => {
    expect(taskCount(0)).toBe('no tasks');
    expect(taskCount(1)).toBe('1 task');
    expect(taskCount(12)).toBe('12 tasks');
  });
});
