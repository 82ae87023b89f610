import type { AutomationLevel, AutomationSetting, FlowVersion } from '@tandem/schema';
import type { HumanReviewConfig } from '@tandem/nodes';
import type { Actor } from './engine.types.js';
import type { EngineContext } from './engine-context.js';

export interface EffectiveAutomation {
  level: AutomationLevel;
  sampleRate: number;
  locked: boolean;
  stored: AutomationSetting | null;
}

/**
 * Whether a stored setting is a manager's choice that still applies. A designer's lock sets the
 * manager's level aside (see setAsideLevelsLockedIn) by recording who locked it in `lockedBy`;
 * no one chose that level after the lock, so once the checkpoint is unlocked it follows its
 * config again until a manager sets a level (which writes `lockedBy: null`). A designer's new
 * default is recorded the same way (`lockedBy` naming the designer), so it never reads as a
 * manager's choice either.
 */
function managerChoice(stored: AutomationSetting | null): AutomationSetting | null {
  return stored !== null && stored.lockedBy === null ? stored : null;
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
  const chosen = managerChoice(stored);
  const locked = config.locked || (stored?.locked ?? false);
  return {
    level: locked ? 'review_all' : (chosen?.level ?? config.defaultLevel),
    sampleRate: chosen?.sampleRate ?? config.sampleRate,
    locked,
    stored,
  };
}

interface CheckpointConfig {
  title: string;
  config: HumanReviewConfig;
}

/** A graph's checkpoints with their parsed configs, by node id. */
function checkpointConfigs(
  engine: EngineContext,
  graph: FlowVersion['graph'],
): Map<string, CheckpointConfig> {
  const result = new Map<string, CheckpointConfig>();
  for (const node of graph.nodes) {
    if (node.type !== 'human.review') continue;
    const parsed = engine.registry.get(node.type)?.configSchema.safeParse(node.config);
    if (!parsed?.success) continue;
    const config = parsed.data as HumanReviewConfig;
    result.set(node.id, { title: node.label ?? config.title, config });
  }
  return result;
}

/**
 * Publishing records every change of a checkpoint's lock, and sets aside the level a manager
 * chose before a designer locked it: without this, a later version that unlocks it would
 * silently bring that level back, which no one decided after the lock. Checkpoints the new
 * version locks are set aside, and so are those the previous version locked: managers cannot set
 * a level while it is locked, so a choice still standing then predates the lock (a publish cut
 * short before setting it aside is caught up with here). The row keeps the manager's level,
 * marked with the designer who locked it.
 *
 * A lock or unlock with no manager's level standing changes the level that applies too (review
 * all, or the config's default after an unlock): it is recorded the same way, on a row that no
 * manager chose (`lockedBy` set, so its level never applies), so the console hears of it and the
 * audit trail has it. So is a new default level or sample rate of a checkpoint neither locked nor
 * set by a manager, since that is the level that applies to it. Each change is emitted and
 * audited like a manager's, with the levels that applied before and after.
 */
export async function setAsideLevelsLockedIn(
  engine: EngineContext,
  version: Pick<FlowVersion, 'flowId' | 'graph' | 'number'>,
  previous: Pick<FlowVersion, 'graph'> | null,
  actor: Actor,
): Promise<void> {
  const { flowId } = version;
  const before = previous ? checkpointConfigs(engine, previous.graph) : new Map();
  const now = checkpointConfigs(engine, version.graph);
  for (const [nodeId, { title, config }] of now) {
    const prior: HumanReviewConfig | undefined = before.get(nodeId)?.config;
    const wasLocked = prior?.locked === true;
    // A checkpoint new in this version had no lock to change; the draft already showed it.
    const lockChanged = prior !== undefined && wasLocked !== config.locked;
    const stored = await engine.store.automation.find(flowId, nodeId);
    const chosen = managerChoice(stored);
    const setAside = chosen !== null && (config.locked || wasLocked);
    // With no manager's level and no lock, the designer's default is what applies: changing it
    // changes what reviewers see as surely as a manager's choice would.
    const defaultChanged =
      prior !== undefined &&
      chosen === null &&
      !config.locked &&
      !wasLocked &&
      stored?.locked !== true &&
      (prior.defaultLevel !== config.defaultLevel || prior.sampleRate !== config.sampleRate);
    if (!setAside && !lockChanged && !defaultChanged) continue;
    const reason = config.locked
      ? `Locked at review all by the flow’s designer in version ${version.number}`
      : chosen
        ? `Unlocked by the flow’s designer in version ${version.number}: the level chosen before the lock no longer applies`
        : lockChanged
          ? `Unlocked by the flow’s designer in version ${version.number}: the checkpoint follows its default level`
          : prior?.defaultLevel !== config.defaultLevel
            ? `Default level changed by the flow’s designer in version ${version.number}`
            : `Default sample rate changed by the flow’s designer in version ${version.number}`;
    const to = config.locked ? 'review_all' : config.defaultLevel;
    await saveAutomationChange(engine, actor, {
      setting: {
        flowId,
        nodeId,
        level: stored?.level ?? to,
        sampleRate: stored?.sampleRate ?? config.sampleRate,
        locked: stored?.locked ?? false,
        lockedBy: actor.id,
        reason,
        updatedBy: actor.id,
        updatedAt: engine.now(),
        revision: stored?.revision ?? 0,
      },
      checkpoint: title,
      from: wasLocked ? 'review_all' : (chosen?.level ?? prior?.defaultLevel ?? to),
      to,
      fromSampleRate: chosen?.sampleRate ?? prior?.sampleRate ?? config.sampleRate,
      sampleRate: config.sampleRate,
    });
  }
}

/** A change of the level that applies to a checkpoint, as the audit trail records it. */
export interface AutomationChange {
  setting: AutomationSetting;
  checkpoint: string;
  from: AutomationLevel;
  to: AutomationLevel;
  fromSampleRate: number;
  sampleRate: number;
}

/** Stores a checkpoint's setting, tells the consoles, and audits the change with its reason. */
export async function saveAutomationChange(
  engine: EngineContext,
  actor: Actor,
  change: AutomationChange,
): Promise<AutomationSetting> {
  const { flowId, nodeId, reason } = change.setting;
  const saved = await engine.store.automation.put(change.setting);
  engine.emit({ type: 'automation.updated', setting: saved });
  await engine.audit({
    actorId: actor.id,
    action: 'automation.changed',
    subjectType: 'checkpoint',
    subjectId: `${flowId}:${nodeId}`,
    details: {
      flowId,
      nodeId,
      checkpoint: change.checkpoint,
      from: change.from,
      to: change.to,
      fromSampleRate: change.fromSampleRate,
      sampleRate: change.sampleRate,
      reason,
    },
  });
  return saved;
}
