import { AppError, GraphSchema } from '@tandem/schema';
import type {
  Flow,
  FlowInput,
  FlowVersion,
  Page,
  PromptVersion,
  StorePort,
  User,
} from '@tandem/schema';
import { aiGenerateConfigSchema, aiPromptVersion, validateGraph } from '@tandem/nodes';
import type { Clock } from '@tandem/nodes';

/** Who acts: a signed-in user, or the seeder (id `system`). */
export type Actor = Pick<User, 'id'>;
import type { AuditService } from '../audit/audit.service.js';
import { newId } from '../ids.js';

export interface FlowsService {
  list(options: { limit?: number; cursor?: string; search?: string }): Promise<Page<Flow>>;
  get(id: string): Promise<Flow>;
  create(actor: Actor, input: FlowInput): Promise<Flow>;
  /** `expectedRevision` (from If-Match) refuses to overwrite someone else's newer save. */
  update(actor: Actor, id: string, input: FlowInput, expectedRevision?: number): Promise<Flow>;
  remove(actor: Actor, id: string): Promise<void>;
  publish(actor: Actor, id: string): Promise<FlowVersion>;
  versions(id: string): Promise<FlowVersion[]>;
}

/**
 * Prompt versions of a graph's AI steps. A prompt unchanged since an earlier version keeps
 * that version's `since`, so feedback can be grouped by the prompt that produced it.
 */
function promptVersionsOf(
  graph: FlowVersion['graph'],
  number: number,
  previous: FlowVersion | null,
): PromptVersion[] {
  const versions: PromptVersion[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'ai.generate') continue;
    const config = aiGenerateConfigSchema.parse(node.config);
    const id = aiPromptVersion(config);
    const earlier = previous?.promptVersions.find((p) => p.nodeId === node.id && p.id === id);
    versions.push({
      id,
      nodeId: node.id,
      prompt: config.prompt,
      ...(config.system ? { system: config.system } : {}),
      ...(config.model ? { model: config.model } : {}),
      since: earlier?.since ?? number,
    });
  }
  return versions;
}

export function createFlowsService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
}): FlowsService {
  const { store, clock, audit } = deps;
  const record = (actor: Actor, action: string, flowId: string, details = {}) =>
    audit.record({ actorId: actor.id, action, subjectType: 'flow', subjectId: flowId, details });

  return {
    list: (options) => store.flows.list(options),
    get: (id) => store.flows.get(id),

    async create(actor, input) {
      const now = clock.now().toISOString();
      const flow = await store.flows.create({
        id: newId('flw'),
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        graph: input.graph,
        publishedVersion: null,
        createdBy: actor.id,
        createdAt: now,
        updatedBy: actor.id,
        updatedAt: now,
        revision: 0,
      });
      await record(actor, 'flow.created', flow.id, { name: flow.name });
      return flow;
    },

    async update(actor, id, input, expectedRevision) {
      const current = await store.flows.get(id);
      if (expectedRevision !== undefined && expectedRevision !== current.revision) {
        throw new AppError({
          code: 'CONFLICT',
          message: 'This flow was saved by someone else since you opened it; reload to see it',
          details: { id, revision: current.revision },
        });
      }
      const { description: _old, ...rest } = current;
      return store.flows.update({
        ...rest,
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        graph: input.graph,
        updatedBy: actor.id,
        updatedAt: clock.now().toISOString(),
      });
    },

    async remove(actor, id) {
      const flow = await store.flows.get(id);
      await store.flows.delete(id);
      await record(actor, 'flow.deleted', id, { name: flow.name });
    },

    async publish(actor, id) {
      const flow = await store.flows.get(id);
      const validation = validateGraph(flow.graph);
      if (!validation.ok) {
        throw new AppError({
          code: 'FLOW_INVALID',
          message: `The flow has ${validation.problems.length} problem(s) to fix before publishing`,
          origin: 'user',
          details: { problems: validation.problems },
        });
      }
      const previous = await store.flowVersions.latest(id);
      const number = (previous?.number ?? 0) + 1;
      const graph = GraphSchema.parse(flow.graph);
      // The unique (flowId, number) key makes a concurrent publish of the same flow a CONFLICT.
      const version = await store.flowVersions.create({
        id: newId('fv'),
        flowId: id,
        number,
        name: flow.name,
        graph,
        promptVersions: promptVersionsOf(graph, number, previous),
        createdBy: actor.id,
        createdAt: clock.now().toISOString(),
      });
      await store.flows.update({ ...flow, publishedVersion: number });
      await record(actor, 'flow.published', id, { version: number, flowVersionId: version.id });
      return version;
    },

    async versions(id) {
      await store.flows.get(id);
      return store.flowVersions.list(id);
    },
  };
}
