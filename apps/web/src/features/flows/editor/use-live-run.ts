import { useCallback, useEffect } from 'react';
import type { Step } from '@tandem/schema';
import { api } from '../../../api/client.js';
import { useResync, useRoom, useSocketEvent } from '../../../api/socket.js';
import { listRunTasks } from '../../runs/runs-api.js';
import { isTestRun } from '../../runs/test-run.js';
import { useEditorStore, type StepView } from './editor.store.js';
import { openTaskFor } from './test-review.js';

type ApiStep = Pick<Step, 'nodeId' | 'status' | 'output' | 'attempts' | 'startedAt' | 'endedAt'> &
  Partial<Pick<Step, 'wakeAt' | 'type'>> & {
    error: { code: string; message: string } | null;
  };

function toView(step: ApiStep, taskId?: string): StepView {
  return {
    status: step.status,
    startedAt: step.startedAt ?? null,
    endedAt: step.endedAt ?? null,
    output: step.output ?? null,
    error: step.error ? { code: step.error.code, message: step.error.message } : null,
    attempts: step.attempts ?? 0,
    ...(taskId ? { taskId } : {}),
    ...(step.wakeAt ? { wakeAt: step.wakeAt } : {}),
    ...(step.type ? { type: step.type } : {}),
  };
}

/**
 * The open task of a checkpoint step, when the caller may decide it: in a test run, the
 * designer who started it (read from the run's tasks, since designers have no inbox); in a real
 * run, reviewers, managers and admins it is assigned to. Other designers get none and the editor
 * says who it waits for instead.
 */
async function attachTask(runId: string, nodeId: string, test: boolean): Promise<void> {
  const task = test
    ? await listRunTasks(runId).then(
        (tasks) => openTaskFor(tasks, nodeId),
        () => null,
      )
    : await api
        .get<{ items: { id: string }[] } | { id: string }[]>('/api/tasks', {
          query: { runId, nodeId, status: 'open' },
        })
        .then(
          (page) => (Array.isArray(page) ? page : page.items)[0],
          () => null,
        );
  const s = useEditorStore.getState();
  const step = s.run?.id === runId ? s.run.steps[nodeId] : undefined;
  if (task && step && !step.taskId) s.updateStep(nodeId, { ...step, taskId: task.id });
}

/**
 * Follows the editor's test run live: joins the run's room, applies `step.updated` and
 * `run.updated` as they arrive, and reloads the run from REST on start and after a reconnect
 * (events sent before the subscription, or during a disconnect, are otherwise missed).
 */
export function useLiveRun(): void {
  const runId = useEditorStore((s) => s.run?.id ?? null);
  useRoom(runId ? `run:${runId}` : null);

  const reload = useCallback(async () => {
    const id = useEditorStore.getState().run?.id;
    if (!id) return;
    const run = await api.get<{ id: string; status: string; steps: ApiStep[]; test?: boolean }>(
      `/api/runs/${id}`,
    );
    const current = useEditorStore.getState().run;
    if (current?.id !== id) return;
    const steps: Record<string, StepView> = {};
    // Later iterations (request-changes rounds) come after earlier ones and win.
    for (const step of run.steps ?? [])
      steps[step.nodeId] = toView(step, current.steps[step.nodeId]?.taskId);
    const test = isTestRun(run);
    useEditorStore.getState().setRun({ id, status: run.status, steps, test });
    for (const [nodeId, step] of Object.entries(steps)) {
      if (step.status === 'waiting' && !step.taskId) void attachTask(id, nodeId, test);
    }
  }, []);

  useEffect(() => {
    if (runId) reload().catch(() => undefined);
  }, [runId, reload]);
  useResync(() => void reload().catch(() => undefined));

  useSocketEvent('step.updated', ({ step }) => {
    const s = useEditorStore.getState();
    if (!s.run || step.runId !== s.run.id) return;
    // A step that moved on lets go of its task: after a request for changes the checkpoint waits
    // again on a new task, which is then looked up (or arrives with task.created).
    const known = step.status === 'waiting' ? s.run.steps[step.nodeId]?.taskId : undefined;
    s.updateStep(step.nodeId, toView(step, known));
    if (step.status === 'waiting' && !known)
      void attachTask(step.runId, step.nodeId, s.run.test === true);
  });
  useSocketEvent('run.updated', ({ run }) => {
    const s = useEditorStore.getState();
    if (s.run && run.id === s.run.id) s.setRun({ ...s.run, status: run.status });
  });
  useSocketEvent('task.created', ({ task }) => {
    const s = useEditorStore.getState();
    const step = s.run?.steps[task.nodeId];
    if (!s.run || task.runId !== s.run.id) return;
    s.updateStep(task.nodeId, {
      ...(step ??
        toView({
          nodeId: task.nodeId,
          status: 'waiting',
          output: null,
          attempts: 0,
          startedAt: null,
          endedAt: null,
          error: null,
          // Only a checkpoint makes a task.
          type: 'human.review',
        })),
      taskId: task.id,
    });
  });
}
