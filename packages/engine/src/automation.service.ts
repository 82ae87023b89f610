import { AppError, AutomationUpdateSchema, notFound, validationError } from '@tandem/schema';
import type { Feedback, Graph } from '@tandem/schema';
import { getNodeDefinition } from '@tandem/nodes';
import type { HumanReviewConfig } from '@tandem/nodes';
import type { Actor, CheckpointAutomation } from './engine.types.js';
import type { EngineContext } from './engine-context.js';
import { effectiveAutomation, saveAutomationChange } from './automation-settings.js';
import { computeEvidence, evidenceByPromptVersion, recommendLevel } from './evidence.js';

interface Checkpoint {
  nodeId: string;
  title: string;
  config: HumanReviewConfig;
}

export function createAutomationService(engine: EngineContext) {
  const { store } = engine;

  /** Checkpoints of the newest published version, or of the draft while none is published. */
  async function checkpointsOf(flowId: string): Promise<Checkpoint[]> {
    const version = await store.flowVersions.latest(flowId);
    const graph: Graph = version ? version.graph : (await store.flows.get(flowId)).graph;
    const result: Checkpoint[] = [];
    for (const node of graph.nodes) {
      if (node.type !== 'human.review') continue;
      const definition = engine.registry.get(node.type) ?? getNodeDefinition(node.type)!;
      const parsed = definition.configSchema.safeParse(node.config);
      if (!parsed.success) continue;
      const config = parsed.data as HumanReviewConfig;
      result.push({ nodeId: node.id, title: node.label ?? config.title, config });
    }
    return result;
  }

  /** The newest decisions the evidence covers, and whether older ones are left out. */
  async function recentFeedback(
    flowId: string,
    nodeId: string,
  ): Promise<{ items: Feedback[]; older: boolean }> {
    const window = engine.limits.evidence.evidenceWindow;
    const page = await store.feedback.list({ flowId, nodeId, limit: window + 1 });
    return { items: page.items.slice(0, window), older: page.items.length > window };
  }

  /**
   * When a manager last moved this checkpoint to another level (a sample-rate change keeps the
   * level, so it keeps the evidence too); null when no one has.
   */
  async function levelChangedAt(flowId: string, nodeId: string): Promise<string | null> {
    let cursor: string | undefined;
    do {
      const page = await store.audit.list({
        action: 'automation.changed',
        subjectId: `${flowId}:${nodeId}`,
        limit: 50,
        ...(cursor ? { cursor } : {}),
      });
      const change = page.items.find((e) => e.details.from !== e.details.to);
      if (change) return change.at;
      cursor = page.nextCursor;
    } while (cursor);
    return null;
  }

  async function describe(flowId: string, checkpoint: Checkpoint): Promise<CheckpointAutomation> {
    const automation = await effectiveAutomation(
      engine,
      flowId,
      checkpoint.nodeId,
      checkpoint.config,
    );
    const [{ items: feedback, older }, since] = await Promise.all([
      recentFeedback(flowId, checkpoint.nodeId),
      levelChangedAt(flowId, checkpoint.nodeId),
    ]);
    return {
      nodeId: checkpoint.nodeId,
      title: checkpoint.title,
      level: automation.level,
      sampleRate: automation.sampleRate,
      locked: automation.locked,
      evidence: computeEvidence(feedback),
      olderDecisions: older,
      newestDecisionId: feedback[0]?.id ?? null,
      recommendation: recommendLevel(feedback, { ...automation, since }, engine.limits.evidence),
      byPromptVersion: evidenceByPromptVersion(feedback),
    };
  }

  async function getAutomation(flowId: string): Promise<CheckpointAutomation[]> {
    const checkpoints = await checkpointsOf(flowId);
    return Promise.all(checkpoints.map((c) => describe(flowId, c)));
  }

  /** A manager's change of level: refused for locked checkpoints, applied at once, audited. */
  async function setAutomation(
    flowId: string,
    nodeId: string,
    raw: unknown,
    actor: Actor,
  ): Promise<CheckpointAutomation> {
    if (!actor.roles.includes('manager') && !actor.roles.includes('admin')) {
      throw new AppError({
        code: 'FORBIDDEN',
        origin: 'user',
        message: 'Only managers and admins change automation levels',
      });
    }
    const parsed = AutomationUpdateSchema.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error.issues);
    const update = parsed.data;
    const checkpoint = (await checkpointsOf(flowId)).find((c) => c.nodeId === nodeId);
    if (!checkpoint) throw notFound('Checkpoint', nodeId);
    const current = await effectiveAutomation(engine, flowId, nodeId, checkpoint.config);
    if (current.locked) {
      throw new AppError({
        code: 'CHECKPOINT_LOCKED',
        origin: 'user',
        message: 'This checkpoint is locked at review all by the flow’s designer',
        details: { flowId, nodeId },
      });
    }
    await saveAutomationChange(engine, actor, {
      setting: {
        flowId,
        nodeId,
        level: update.level,
        sampleRate: update.sampleRate ?? current.sampleRate,
        locked: false,
        lockedBy: null,
        reason: update.reason,
        updatedBy: actor.id,
        updatedAt: engine.now(),
        revision: current.stored?.revision ?? 0,
      },
      checkpoint: checkpoint.title,
      from: current.level,
      to: update.level,
      fromSampleRate: current.sampleRate,
      sampleRate: update.sampleRate ?? current.sampleRate,
    });
    return describe(flowId, checkpoint);
  }

  return { getAutomation, setAutomation };
}
