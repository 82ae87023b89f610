import { isAppError } from '@tandem/schema';
import type { Decision, Role, Task } from '@tandem/schema';
import type { HumanReviewConfig } from '@tandem/nodes';
import { effectiveAutomation } from './automation-settings.js';
import type { EngineContext } from './engine-context.js';
import type { RunExecutor } from './run-executor.js';
import { resumeFromTask } from './checkpoint-resume.js';

const BATCH = 100;

/**
 * Durable timers: retries and delays live in steps' `wakeAt`, due times in tasks' `dueAt`.
 * Each fires once, because firing is a revision-checked write (a delay step leaves `waiting`,
 * a task gets `escalatedAt`), also when several processes or a restart see the same timer.
 */
export function createDueTimers(engine: EngineContext, executor: RunExecutor) {
  const { store } = engine;

  async function wakeStep(stepId: string): Promise<void> {
    const step = await store.steps.get(stepId);
    if (step.wakeAt === null || step.wakeAt > engine.now()) return;
    if (step.status === 'waiting') {
      try {
        await executor.saveStep({
          ...step,
          status: 'done',
          output: { waitedUntil: step.wakeAt },
          wakeAt: null,
          endedAt: engine.now(),
        });
      } catch (error) {
        if (!isAppError(error, 'CONFLICT')) throw error;
        return;
      }
    }
    await executor.advance(step.runId);
  }

  async function fireTask(taskId: string): Promise<Task | null> {
    const task = await store.tasks.get(taskId);
    const now = engine.now();
    if (task.status !== 'open' || task.escalatedAt || !task.dueAt || task.dueAt > now) return null;
    const step = await store.steps.get(task.stepId);
    const state = step.state as { onDue?: string; escalateTo?: Role; flagged?: boolean };
    let action = state.onDue ?? 'escalate';
    let note = '';
    if (action === 'approve') {
      const snapshot = await executor.snapshot(task.runId);
      const config = snapshot.prepared.configs.get(task.nodeId) as HumanReviewConfig;
      const automation = await effectiveAutomation(engine, task.flowId, task.nodeId, config);
      const allowed =
        automation.level === 'auto' || (automation.level !== 'review_all' && !state.flagged);
      if (!allowed) {
        action = 'escalate';
        note = `Not approved automatically: the level is ${automation.level}${state.flagged ? ' and the item is flagged' : ''}`;
      }
    }
    if (action === 'escalate') {
      const role = state.escalateTo ?? 'manager';
      // The role escalated to goes last, also when it was assigned already: the last role of an
      // escalated task is whom it was escalated to ("Escalated to managers").
      const roles = [...task.assignees.roles.filter((r) => r !== role), role];
      const saved = await store.tasks.update({
        ...task,
        escalatedAt: now,
        assignees: { ...task.assignees, roles },
        claimedBy: null,
        claimedAt: null,
        updatedAt: now,
      });
      engine.emit({ type: 'task.updated', task: saved, change: 'escalated' });
      await engine.audit({
        actorId: null,
        action: 'task.escalated',
        subjectType: 'task',
        subjectId: task.id,
        details: { to: role, runId: task.runId, flowId: task.flowId, ...(note ? { note } : {}) },
      });
      return null;
    }
    const decision: Decision = {
      action: action === 'approve' ? 'approve' : 'reject',
      reason: 'Not decided by the due time',
      tags: [],
      actorId: 'system',
      at: now,
    };
    const saved = await store.tasks.update({
      ...task,
      status: 'expired',
      escalatedAt: now,
      decision,
      decidedAt: now,
      claimedBy: null,
      claimedAt: null,
      updatedAt: now,
    });
    engine.emit({ type: 'task.updated', task: saved, change: 'expired' });
    await engine.audit({
      actorId: null,
      action: 'task.expired',
      subjectType: 'task',
      subjectId: task.id,
      details: { outcome: decision.action, runId: task.runId, flowId: task.flowId },
    });
    return saved;
  }

  async function handleTask(taskId: string): Promise<void> {
    let expired: Task | null;
    try {
      expired = await engine.taskLocks.run(taskId, () => fireTask(taskId));
    } catch (error) {
      if (isAppError(error, 'CONFLICT')) return;
      throw error;
    }
    if (expired) await resumeFromTask(engine, executor, expired);
  }

  /** Fires everything due now; returns how many timers it looked at. */
  async function fireDue(): Promise<number> {
    const now = engine.now();
    const [steps, tasks] = await Promise.all([
      store.steps.listDue(now, BATCH),
      store.tasks.listDue(now, BATCH),
    ]);
    const fresh = steps.filter((s) => !engine.inFlight.has(s.id));
    await Promise.all([...fresh.map((s) => wakeStep(s.id)), ...tasks.map((t) => handleTask(t.id))]);
    return fresh.length + tasks.length;
  }

  async function nextWakeAt(): Promise<string | null> {
    const [step, task] = await Promise.all([store.steps.nextWakeAt(), store.tasks.nextDueAt()]);
    if (step === null) return task;
    if (task === null) return step;
    return step < task ? step : task;
  }

  return { fireDue, nextWakeAt };
}
