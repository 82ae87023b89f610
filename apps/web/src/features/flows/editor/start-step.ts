import type { NodeTypeInfo } from '../graph/node-catalog.js';
import { effectiveConfig } from './config-summary.js';
import { useEditorStore } from './editor.store.js';

/** A graph's start step with its type's defaults filled in, as the server reads it. */
export function startStep(
  nodes: readonly { data: { nodeType: string; config: Record<string, unknown> } }[],
  types: readonly NodeTypeInfo[],
): { type: string; config: Record<string, unknown> } | undefined {
  for (const node of nodes) {
    const info = types.find((t) => t.type === node.data.nodeType);
    if (info?.category === 'trigger') {
      return { type: info.type, config: effectiveConfig(node.data.config, info.defaultConfig) };
    }
  }
  return undefined;
}

/** Sets the draft's schedule to paused (one undoable edit); nothing when it has none or is paused. */
export function pauseDraftSchedule(): void {
  const s = useEditorStore.getState();
  const schedule = s.nodes.find((n) => n.data.nodeType === 'trigger.schedule');
  if (schedule && schedule.data.config.paused !== true) {
    s.updateConfig(schedule.id, { ...schedule.data.config, paused: true });
  }
}
