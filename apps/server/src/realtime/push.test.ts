import { describe, expect, it } from 'vitest';
import type { Step } from '@tandem/schema';
import { eventForClients, roomsFor } from './push.js';

const waitingReview: Step = {
  id: 'stp_1',
  runId: 'run_1',
  nodeId: 'review',
  type: 'human.review',
  status: 'waiting',
  iteration: 0,
  output: null,
  handle: null,
  error: null,
  attempts: 1,
  wakeAt: '2026-11-27T05:00:00.000Z',
  state: { taskId: 'tsk_1', round: 2, revisionNote: 'Shorter, and name the price' },
  usage: null,
  startedAt: '2026-11-27T03:00:00.000Z',
  endedAt: null,
  createdAt: '2026-11-27T03:00:00.000Z',
  updatedAt: '2026-11-27T03:00:00.000Z',
  revision: 3,
};

describe('eventForClients', () => {
  it("pushes a step without the engine's private state, as the run page's REST view shows it", () => {
    const event = eventForClients({ type: 'step.updated', step: waitingReview, flowId: 'flw_1' });
    expect(event).toEqual({
      type: 'step.updated',
      flowId: 'flw_1',
      step: { ...waitingReview, state: {} },
    });
    expect(JSON.stringify(event)).not.toMatch(/tsk_1|Shorter/);
    // The engine's own copy is untouched.
    expect(waitingReview.state.taskId).toBe('tsk_1');
  });

  it('passes other events on as they are', () => {
    const event = {
      type: 'task.updated' as const,
      change: 'claimed' as const,
      task: { id: 'tsk_1' } as never,
    };
    expect(eventForClients(event)).toBe(event);
  });
});

describe('roomsFor', () => {
  it('sends a task to who may decide it, its run’s watchers and, unless a test run’s, its flow’s', () => {
    const task = {
      id: 'tsk_1',
      runId: 'run_1',
      flowId: 'flw_1',
      assignees: { roles: ['reviewer'], userIds: ['usr_2'] },
    };
    expect(roomsFor({ type: 'task.created', task: task as never })).toEqual([
      'role:reviewer',
      'user:usr_2',
      'run:run_1',
      'flow:flw_1',
    ]);
    const testTask = { ...task, assignees: { roles: [], userIds: ['usr_1'] }, test: true };
    expect(roomsFor({ type: 'task.updated', change: 'decided', task: testTask as never })).toEqual([
      'user:usr_1',
      'run:run_1',
    ]);
  });

  it('sends suggestions to the roles that may read them and the flow’s watchers, not reviewers', () => {
    const suggestion = { id: 'sug_1', flowId: 'flw_1' } as never;
    const rooms = roomsFor({ type: 'suggestion.updated', suggestion });
    expect(rooms).toEqual(['role:designer', 'role:manager', 'role:admin', 'flow:flw_1']);
  });

  it('sends a flow’s new version where automation changes go: managers, admins, its watchers', () => {
    const rooms = roomsFor({ type: 'flow.published', flowId: 'flw_1', version: 2 });
    expect(rooms).toEqual(['role:manager', 'role:admin', 'flow:flw_1']);
    expect(rooms).toEqual(
      roomsFor({ type: 'automation.updated', setting: { flowId: 'flw_1' } as never }),
    );
  });
});
