import type { Suggestion, Task } from '@tandem/schema';
import { useSocketEvent } from '../../api/socket.js';
import { useFlowReloads } from './use-flow-reloads.js';

/**
 * Whether a pushed event can change this flow's suggestions: one of them proposed (mined from
 * reviewer edits in the background, after the decision's own event) or decided by another
 * manager, or a decision on one of the flow's tasks, which an accepted suggestion's before and
 * after figures count.
 */
export function changesSuggestions(
  flowId: string,
  event:
    { suggestion: Pick<Suggestion, 'flowId'> } | { task: Pick<Task, 'flowId'>; change: string },
): boolean {
  if ('suggestion' in event) return event.suggestion.flowId === flowId;
  return event.task.flowId === flowId && event.change === 'decided';
}

/** Keeps the console's suggestions live, as useLiveEvidence keeps its evidence. */
export function useLiveSuggestions(flowId: string, reload: () => Promise<void>): void {
  const trigger = useFlowReloads(flowId, reload);
  useSocketEvent('suggestion.updated', (event) => {
    if (changesSuggestions(flowId, event)) trigger();
  });
  useSocketEvent('task.updated', (event) => {
    if (changesSuggestions(flowId, event)) trigger();
  });
}
