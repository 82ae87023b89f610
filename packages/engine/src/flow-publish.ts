import { AppError, conflict, flowInvalid, isAppError } from '@tandem/schema';
import type { FlowVersion, PromptVersion } from '@tandem/schema';
import { aiPromptVersion, stableStringify, validateGraph } from '@tandem/nodes';
import type { AiGenerateConfig } from '@tandem/nodes';
import type { Actor, PublishChecks, PublishResult } from './engine.types.js';
import type { EngineContext } from './engine-context.js';
import { setAsideLevelsLockedIn } from './automation-settings.js';

/** Prompt versions of a graph's AI steps; an unchanged prompt keeps the version it began in. */
function promptVersionsOf(
  engine: EngineContext,
  version: Pick<FlowVersion, 'graph' | 'number'>,
  previous: FlowVersion | null,
): PromptVersion[] {
  const result: PromptVersion[] = [];
  for (const node of version.graph.nodes) {
    if (node.type !== 'ai.generate') continue;
    const parsed = engine.registry.get(node.type)!.configSchema.safeParse(node.config);
    if (!parsed.success) continue;
    const config = parsed.data as AiGenerateConfig;
    const id = aiPromptVersion(config);
    const before = previous?.promptVersions.find((p) => p.nodeId === node.id && p.id === id);
    result.push({
      id,
      nodeId: node.id,
      prompt: config.prompt,
      ...(config.system ? { system: config.system } : {}),
      ...(config.model ? { model: config.model } : {}),
      since: before?.since ?? version.number,
    });
  }
  return result;
}

/**
 * Whether a version already holds this draft: the same graph (whatever order its keys were
 * stored in) under the same name. A version's name is part of what it froze, so a renamed flow
 * publishes anew. Connections and the brand kit are not: steps name a connection by id and the
 * kit is read at each run, so publishing again would pick up nothing a version does not.
 */
function holdsDraft(version: FlowVersion, draft: Pick<FlowVersion, 'name' | 'graph'>): boolean {
  return (
    version.name === draft.name && stableStringify(version.graph) === stableStringify(draft.graph)
  );
}

export function createFlowPublisher(engine: EngineContext) {
  const { store } = engine;

  /**
   * Validates the draft and freezes it as the next immutable version; a draft the latest version
   * already holds is not published again (`created: false`, that version). Publishing an
   * unchanged draft used to add identical versions (v2, v3...) at each click, which the version
   * history then listed as changes.
   */
  async function publishDraft(
    flowId: string,
    actor: Actor,
    checks?: PublishChecks,
  ): Promise<PublishResult> {
    if (!actor.roles.includes('designer') && !actor.roles.includes('admin')) {
      throw new AppError({
        code: 'FORBIDDEN',
        origin: 'user',
        message: 'Only designers and admins publish flows',
      });
    }
    const flow = await store.flows.get(flowId);
    const previous = await store.flowVersions.latest(flowId);
    // Nothing is frozen, so nothing is checked: the version was checked when it was published.
    if (previous && holdsDraft(previous, flow)) return { version: previous, created: false };
    const validation = validateGraph(flow.graph, engine.registry);
    const problems = [...validation.problems, ...((await checks?.(flow.graph)) ?? [])];
    if (problems.length > 0) throw flowInvalid(problems);
    const number = (previous?.number ?? 0) + 1;
    const draft = { graph: flow.graph, number };
    let version: FlowVersion;
    try {
      version = await store.flowVersions.create({
        id: engine.newId('fv'),
        flowId,
        number,
        name: flow.name,
        graph: flow.graph,
        promptVersions: promptVersionsOf(engine, draft, previous),
        createdBy: actor.id,
        createdAt: engine.now(),
      });
    } catch (error) {
      if (!isAppError(error, 'CONFLICT')) throw error;
      // Someone published this number first (a double click, two tabs): if that was this same
      // draft, it is this publish's version too, and not an error.
      const winner = await store.flowVersions.latest(flowId);
      if (winner && holdsDraft(winner, flow)) return { version: winner, created: false };
      throw conflict(
        'Flow',
        flowId,
        'Someone published this flow at the same moment; reload and try again',
      );
    }
    await store.flows.update({ ...flow, publishedVersion: number, updatedAt: engine.now() });
    await engine.audit({
      actorId: actor.id,
      action: 'flow.published',
      subjectType: 'flow',
      subjectId: flowId,
      details: {
        version: number,
        versionId: version.id,
        promptVersions: version.promptVersions.map((p) => p.id),
      },
    });
    await setAsideLevelsLockedIn(engine, version, previous, actor);
    // After the lock changes' own events: the automation console reads the new checkpoints
    // again on this, which covers an added or renamed one or a new default, pushed by nothing else.
    engine.emit({ type: 'flow.published', flowId, version: number });
    return { version, created: true };
  }

  /** `publishDraft`'s version alone, for callers that need not know whether it is new. */
  async function publishFlow(
    flowId: string,
    actor: Actor,
    checks?: PublishChecks,
  ): Promise<FlowVersion> {
    return (await publishDraft(flowId, actor, checks)).version;
  }

  return { publishDraft, publishFlow };
}
