import type { AutomationSetting, Step, Task } from '@tandem/schema';
import { useSocketEvent } from '../../api/socket.js';
import { useFlowReloads } from './use-flow-reloads.js';

/**
 * Whether a pushed task or step event can change this flow's evidence: a decision on one of its
 * tasks, or one of its checkpoints finishing (a blocking checkpoint's step is done only after
 * the decision's feedback is written, so that event is never ahead of the numbers).
 */
export function changesEvidence(
  flowId: string,
  checkpointIds: ReadonlySet<string>,
  event:
    | { task: Pick<Task, 'flowId'>; change: string }
    | { step: Pick<Step, 'nodeId' | 'status'>; flowId: string },
): boolean {
  if ('task' in event) return event.task.flowId === flowId && event.change === 'decided';
  return (
    event.flowId === flowId && checkpointIds.has(event.step.nodeId) && event.step.status === 'done'
  );
}

/**
 * Whether a pushed level change is this flow's: a manager's, or a designer's lock or unlock
 * published in a new version (which may also have renamed or added checkpoints, so the whole
 * list is read again).
 */
export function changesLevels(
  flowId: string,
  event: { setting: Pick<AutomationSetting, 'flowId'> },
): boolean {
  return event.setting.flowId === flowId;
}

/**
 * Whether a newly published version is this flow's: it may add or rename a checkpoint, or
 * change the default of one a manager set, when no `automation.updated` comes.
 */
export function changesCheckpoints(flowId: string, event: { flowId: string }): boolean {
  return event.flowId === flowId;
}

/**
 * Keeps the automation console's evidence and levels live: reloads when a decision, a level
 * change or a new version lands in the flow's room (a publish may change several checkpoints at
 * once; the reloads are coalesced).
 */
export function useLiveEvidence(
  flowId: string | undefined,
  checkpointIds: ReadonlySet<string>,
  reload: () => Promise<void>,
): void {
  const trigger = useFlowReloads(flowId, reload);
  useSocketEvent('task.updated', (event) => {
    if (flowId && changesEvidence(flowId, checkpointIds, event)) trigger();
  });
  useSocketEvent('step.updated', (event) => {
    if (flowId && changesEvidence(flowId, checkpointIds, event)) trigger();
  });
  useSocketEvent('automation.updated', (event) => {
    if (flowId && changesLevels(flowId, event)) trigger();
  });
  useSocketEvent('flow.published', (event) => {
    if (flowId && changesCheckpoints(flowId, event)) trigger();
  });
}
