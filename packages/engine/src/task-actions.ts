import {
  AppError,
  conflict,
  DecisionInputSchema,
  isAppError,
  validationError,
} from '@tandem/schema';
import type { Decision, DecisionInput, Step, Task } from '@tandem/schema';
import type { Actor } from './engine.types.js';
import type { EngineContext } from './engine-context.js';
import type { RunExecutor } from './run-executor.js';
import { checkpointResult, resumeFromTask } from './checkpoint-resume.js';
import { writeFeedback } from './feedback-writer.js';
import { ALREADY_APPROVED_MESSAGE, approveBlockedReason, hasApproved } from './approval-rules.js';

/** Whether `actor` is one of the task's deciders (by role or by name). */
export function canDecide(task: Task, actor: Actor): boolean {
  return (
    actor.roles.some((role) => task.assignees.roles.includes(role)) ||
    task.assignees.userIds.includes(actor.id)
  );
}

function alreadyDecided(task: Task, message?: string): AppError {
  return new AppError({
    code: 'TASK_ALREADY_DECIDED',
    message:
      message ?? `This task is already ${task.status === 'open' ? 'approved by you' : task.status}`,
    details: { taskId: task.id, status: task.status, decidedBy: task.decision?.actorId ?? null },
  });
}

function forbidden(message: string, taskId: string): AppError {
  return new AppError({ code: 'FORBIDDEN', origin: 'user', message, details: { taskId } });
}

interface StepFacts {
  original: string;
  flagged: boolean;
  sampled: boolean;
  maxRevisions: number;
}

function factsOf(step: Step, task: Task): StepFacts {
  const state = step.state as Partial<StepFacts>;
  return {
    original: typeof state.original === 'string' ? state.original : (task.content.text ?? ''),
    flagged: state.flagged === true,
    sampled: task.kind === 'spot_check' || state.sampled === true,
    maxRevisions: typeof state.maxRevisions === 'number' ? state.maxRevisions : 0,
  };
}

export function createTaskActions(engine: EngineContext, executor: RunExecutor) {
  const { store } = engine;

  function claimIsFresh(task: Task): boolean {
    if (!task.claimedBy || !task.claimedAt) return false;
    return engine.clock.now().getTime() - Date.parse(task.claimedAt) < engine.limits.claimTtlMs;
  }

  /** Writes a task by revision; a lost race reads as "already decided" or a plain conflict. */
  async function saveTask(task: Task): Promise<Task> {
    try {
      return await store.tasks.update({ ...task, updatedAt: engine.now() });
    } catch (error) {
      if (!isAppError(error, 'CONFLICT')) throw error;
      const current = await store.tasks.get(task.id);
      if (current.status !== 'open') throw alreadyDecided(current);
      throw conflict(
        'Task',
        task.id,
        'Someone changed this task at the same moment; reload it and try again',
      );
    }
  }

  async function deny(task: Task, actor: Actor, message: string, action: string): Promise<never> {
    await engine.audit({
      actorId: actor.id,
      action: 'task.decision_denied',
      subjectType: 'task',
      subjectId: task.id,
      details: { attempted: action, reason: message, runId: task.runId, flowId: task.flowId },
    });
    throw forbidden(message, task.id);
  }

  const denyOutsider = (task: Task, actor: Actor, action: string) =>
    deny(task, actor, 'This task is not assigned to you or any of your roles', action);

  async function checkDecider(task: Task, input: DecisionInput, actor: Actor): Promise<void> {
    if (!canDecide(task, actor)) await denyOutsider(task, actor, input.action);
    const approving = input.action === 'approve' || input.action === 'edit';
    const blocked = approving ? approveBlockedReason(task, actor) : null;
    if (blocked) await deny(task, actor, blocked, input.action);
    if (claimIsFresh(task) && task.claimedBy !== actor.id) {
      throw new AppError({
        code: 'TASK_CLAIMED',
        message: 'Someone else is reviewing this task right now',
        details: { taskId: task.id, claimedBy: task.claimedBy },
      });
    }
  }

  async function decideLocked(
    taskId: string,
    input: DecisionInput,
    actor: Actor,
  ): Promise<{ task: Task; resume: boolean }> {
    const task = await store.tasks.get(taskId);
    // Before anything about the task is told (its status, who decided it, its revision).
    if (!canDecide(task, actor)) await denyOutsider(task, actor, input.action);
    if (task.status !== 'open') throw alreadyDecided(task);
    if (input.revision !== undefined && input.revision !== task.revision) {
      throw conflict(
        'Task',
        task.id,
        'This task changed since you opened it; reload it and decide again',
      );
    }
    await checkDecider(task, input, actor);
    // After another reviewer's edit, what is approved is that reviewer's text: a decision that
    // does not say which revision it saw could approve (or overwrite) text its sender never read.
    if (
      input.revision === undefined &&
      (input.action === 'approve' || input.action === 'edit') &&
      task.approvals.some((a) => a.action === 'edit') &&
      // Someone whose approval is in is told that instead (below).
      !hasApproved(task, actor)
    ) {
      throw validationError([
        {
          path: ['revision'],
          message:
            'Required here: another reviewer edited this content, so say which revision of the task you reviewed',
        },
      ]);
    }
    const step = await store.steps.get(task.stepId);
    const facts = factsOf(step, task);
    const now = engine.now();
    const decision: Decision = {
      action: input.action,
      ...(input.content !== undefined ? { content: input.content } : {}),
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      tags: input.tags ?? [],
      actorId: actor.id,
      at: now,
    };
    if (input.action === 'request_changes') {
      if (task.kind === 'spot_check') {
        throw validationError([
          {
            path: ['action'],
            message:
              'This item already went out; approve, edit or reject it to record your judgement',
          },
        ]);
      }
      if (!task.content.sourceNodeId) {
        throw validationError([
          {
            path: ['action'],
            message: 'This content did not come from an AI step, so there is nothing to redo',
          },
        ]);
      }
      if (task.round >= facts.maxRevisions) {
        throw validationError([
          {
            path: ['action'],
            message: `No rounds of changes left (at most ${facts.maxRevisions}); approve, edit or reject`,
          },
        ]);
      }
    }
    let content = task.content;
    let approvals = task.approvals;
    let final = decision;
    if (input.action === 'approve' || input.action === 'edit') {
      const snapshot = await executor.snapshot(task.runId);
      const result = await checkpointResult(engine, snapshot, step, task, decision);
      if (input.action === 'edit' && result.kind === 'done') {
        const out = result.output as { text?: string; data?: unknown };
        content = {
          ...content,
          text: out.text ?? '',
          ...(out.data !== undefined ? { data: out.data as never } : {}),
        };
      }
      if (task.requiredApprovals > 1) {
        if (hasApproved(task, actor)) throw alreadyDecided(task, ALREADY_APPROVED_MESSAGE);
        // An edit changes what the others approved, so it restarts the count with the editor.
        approvals = input.action === 'edit' ? [decision] : [...approvals, decision];
        if (approvals.length < task.requiredApprovals) {
          const saved = await saveTask({
            ...task,
            approvals,
            content,
            claimedBy: null,
            claimedAt: null,
          });
          engine.emit({ type: 'task.updated', task: saved, change: 'approval_added' });
          await engine.audit({
            actorId: actor.id,
            action: 'task.approval_added',
            subjectType: 'task',
            subjectId: task.id,
            details: {
              runId: task.runId,
              flowId: task.flowId,
              approvals: approvals.length,
              required: task.requiredApprovals,
            },
          });
          return { task: saved, resume: false };
        }
        if (approvals.some((a) => a.action === 'edit')) {
          final = { ...decision, action: 'edit', content: content.text ?? '' };
        }
      }
    }
    const saved = await saveTask({
      ...task,
      status: 'decided',
      decision: final,
      decidedAt: now,
      approvals,
      content,
      claimedBy: null,
      claimedAt: null,
    });
    await engine.audit({
      actorId: actor.id,
      action: 'task.decided',
      subjectType: 'task',
      subjectId: task.id,
      details: {
        action: final.action,
        runId: task.runId,
        flowId: task.flowId,
        nodeId: task.nodeId,
        kind: task.kind,
        ...(final.reason ? { reason: final.reason } : {}),
        ...(task.test ? { test: true } : {}),
      },
    });
    try {
      await writeFeedback(engine, saved, final, {
        original: facts.original,
        final: content.text ?? '',
        flagged: facts.flagged,
        sampled: facts.sampled,
        edited: final.action === 'edit',
        heldMs: input.heldMs,
      });
    } finally {
      // Announced once the feedback is in: the automation console reloads its evidence on this
      // event, and after a spot check (no step to finish) no later event would bring the numbers.
      engine.emit({ type: 'task.updated', task: saved, change: 'decided' });
    }
    return { task: saved, resume: task.kind === 'blocking' };
  }

  async function decide(taskId: string, raw: unknown, actor: Actor): Promise<Task> {
    const parsed = DecisionInputSchema.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error.issues);
    const outcome = await engine.taskLocks.run(taskId, () =>
      decideLocked(taskId, parsed.data, actor),
    );
    if (outcome.resume) await resumeFromTask(engine, executor, outcome.task);
    return outcome.task;
  }

  async function claimTask(taskId: string, actor: Actor): Promise<Task> {
    return engine.taskLocks.run(taskId, async () => {
      const task = await store.tasks.get(taskId);
      if (!canDecide(task, actor))
        throw forbidden('This task is not assigned to you or any of your roles', task.id);
      if (task.status !== 'open') throw alreadyDecided(task);
      // Their approval is in; holding the claim would only lock out the people still needed.
      if (hasApproved(task, actor)) throw alreadyDecided(task, ALREADY_APPROVED_MESSAGE);
      if (claimIsFresh(task) && task.claimedBy !== actor.id) {
        throw new AppError({
          code: 'TASK_CLAIMED',
          message: 'Someone else is reviewing this task right now',
          details: { taskId: task.id, claimedBy: task.claimedBy },
        });
      }
      const saved = await saveTask({ ...task, claimedBy: actor.id, claimedAt: engine.now() });
      engine.emit({ type: 'task.updated', task: saved, change: 'claimed' });
      return saved;
    });
  }

  async function releaseTask(taskId: string, actor: Actor): Promise<Task> {
    return engine.taskLocks.run(taskId, async () => {
      const task = await store.tasks.get(taskId);
      const supervisor = actor.roles.includes('admin') || actor.roles.includes('manager');
      // Checked first: an unclaimed task came back whole to whoever asked to release it.
      if (!supervisor && task.claimedBy !== actor.id && !canDecide(task, actor)) {
        throw forbidden('This task is not assigned to you or any of your roles', task.id);
      }
      if (task.status !== 'open') throw alreadyDecided(task);
      if (!task.claimedBy) return task;
      if (task.claimedBy !== actor.id && !supervisor) {
        throw forbidden(
          'Only the person who claimed this task (or a manager) can release it',
          task.id,
        );
      }
      const saved = await saveTask({ ...task, claimedBy: null, claimedAt: null });
      engine.emit({ type: 'task.updated', task: saved, change: 'released' });
      return saved;
    });
  }

  return { decide, claimTask, releaseTask, canDecide };
}
