import type { Task } from '@tandem/schema';

/** An open, unclaimed review task assigned to the reviewer role; tests set what they test. */
export function openTaskFixture(over: Partial<Task> = {}): Task {
  return {
    id: 'tsk_1',
    runId: 'run_1',
    flowId: 'flw_1',
    nodeId: 'review',
    stepId: 'stp_1',
    kind: 'blocking',
    status: 'open',
    title: 'Review',
    instructions: '',
    content: {},
    editable: true,
    flags: [],
    assignees: { roles: ['reviewer'], userIds: [] },
    requiredApprovals: 1,
    approvals: [],
    startedBy: null,
    separationOfDuties: false,
    round: 0,
    dueAt: null,
    escalatedAt: null,
    claimedBy: null,
    claimedAt: null,
    decision: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    decidedAt: null,
    revision: 1,
    ...over,
  };
}
