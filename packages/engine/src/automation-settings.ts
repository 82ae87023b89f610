import type { AutomationLevel, AutomationSetting } from '@tandem/schema';
import type { HumanReviewConfig } from '@tandem/nodes';
import type { EngineContext } from './engine-context.js';

export interface EffectiveAutomation {
  level: AutomationLevel;
  sampleRate: number;
  locked: boolean;
  stored: AutomationSetting | null;
}

/**
 * The level that applies to a checkpoint now: the manager's setting when there is one, else
 * the designer's default; a lock (in the flow or the setting) always means review_all.
 */
export async function effectiveAutomation(
  engine: EngineContext,
  flowId: string,
  nodeId: string,
  config: Pick<HumanReviewConfig, 'defaultLevel' | 'sampleRate' | 'locked'>,
): Promise<EffectiveAutomation> {
  const stored = await engine.store.automation.find(flowId, nodeId);
  const locked = config.locked || (stored?.locked ?? false);
  return {
    level: locked ? 'review_all' : (stored?.level ?? config.defaultLevel),
    sampleRate: stored?.sampleRate ?? config.sampleRate,
    locked,
    stored,
  };
}
