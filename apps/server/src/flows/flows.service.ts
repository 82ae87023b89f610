import { AppError, isAppError, LIMITS } from '@tandem/schema';
import type {
  AuditAction,
  Flow,
  FlowInput,
  FlowVersion,
  ListOptions,
  Page,
  Role,
  StorePort,
  User,
} from '@tandem/schema';
import { graphForReaders, type Clock, type ListedFlow } from '@tandem/nodes';
import type { Engine, PublishResult } from '@tandem/engine';
import type { AuditService } from '../audit/audit.service.js';
import { hasRole } from '../auth/auth.middleware.js';
import { newId } from '../ids.js';
import { addressProblems } from './publish-targets.js';
import { referenceProblems } from './publish-references.js';
import { createPublishedSchedules } from './published-schedules.js';

/** Who acts: a signed-in user, or the seeder (id `system`). */
export type Actor = Pick<User, 'id' | 'roles'>;

/**
 * Reads take the viewer: people who may not change flows (reviewers, managers) get graphs with
 * values that may be credentials hidden (see the node types' `forReaders`).
 */
export interface FlowsService {
  /** Each flow with its published version's schedule, for the list's "Next run". */
  list(
    viewer: Actor,
    options: { limit?: number; cursor?: string; search?: string },
  ): Promise<Page<ListedFlow>>;
  get(viewer: Actor, id: string): Promise<Flow>;
  create(actor: Actor, input: FlowInput): Promise<Flow>;
  /**
   * A new draft with the flow's current draft graph (unpublished edits included) and its
   * description, named `name` or "Copy of <name>". Never published: automation levels, runs
   * and feedback belong to the original.
   */
  copy(actor: Actor, id: string, name?: string): Promise<Flow>;
  /** `expectedRevision` (from If-Match) refuses to overwrite someone else's newer save. */
  update(actor: Actor, id: string, input: FlowInput, expectedRevision?: number): Promise<Flow>;
  remove(actor: Actor, id: string): Promise<void>;
  /** `created: false`: the latest version already holds the draft, and nothing was published. */
  publish(actor: Actor, id: string): Promise<PublishResult>;
  /** Newest first, a page at a time. */
  versions(viewer: Actor, id: string, page: ListOptions): Promise<Page<FlowVersion>>;
  /** The version a run pinned, by its number. */
  version(viewer: Actor, id: string, number: number): Promise<FlowVersion>;
}

/** "Copy of <name>", cut to fit a name's limit (the original's name may use all of it). */
export function copyName(name: string): string {
  return `Copy of ${name}`.slice(0, LIMITS.name).trimEnd();
}

/** Who may change flows (admins too), and so sees their graphs exactly as stored. */
export const FLOW_EDITORS: readonly Role[] = ['designer'];

/** The flow or version as `viewer` may see it. */
function shownTo<T extends Flow | FlowVersion>(viewer: Actor, item: T): T {
  if (hasRole(viewer, FLOW_EDITORS)) return item;
  const graph = graphForReaders(item.graph);
  return graph === item.graph ? item : { ...item, graph };
}

function pageShownTo<T extends Flow | FlowVersion>(viewer: Actor, page: Page<T>): Page<T> {
  return { ...page, items: page.items.map((item) => shownTo(viewer, item)) };
}

export function createFlowsService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
  /** Validation, versioning, prompt versions and the audit entry are the engine's. */
  engine: Pick<Engine, 'publishDraft' | 'cancelRun'>;
  /** TANDEM_ALLOW_PRIVATE_NETWORK: publish targets may then be private addresses. */
  allowPrivateNetwork: boolean;
}): FlowsService {
  const { store, clock, audit, engine } = deps;
  const withPublishedSchedules = createPublishedSchedules(store);
  const record = (actor: Actor, action: AuditAction, flowId: string, details = {}) =>
    audit.record({ actorId: actor.id, action, subjectType: 'flow', subjectId: flowId, details });

  async function cancelActiveRuns(actor: Actor, flowId: string): Promise<number> {
    let canceled = 0;
    let cursor: string | undefined;
    do {
      // Keyset pages: runs canceled on earlier pages leaving the filter move no later one.
      const page = await store.runs.list({
        flowId,
        status: ['running', 'waiting'],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const run of page.items) {
        try {
          await engine.cancelRun(run.id, actor);
          canceled += 1;
        } catch (error) {
          // It finished (or was canceled) meanwhile.
          if (!isAppError(error, 'CONFLICT')) throw error;
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    return canceled;
  }

  return {
    async list(viewer, options) {
      const page = pageShownTo(viewer, await store.flows.list(options));
      return { ...page, items: await withPublishedSchedules(page.items) };
    },
    get: async (viewer, id) => shownTo(viewer, await store.flows.get(id)),

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

    async copy(actor, id, name) {
      const source = await store.flows.get(id);
      const now = clock.now().toISOString();
      const flow = await store.flows.create({
        id: newId('flw'),
        name: name ?? copyName(source.name),
        ...(source.description !== undefined ? { description: source.description } : {}),
        graph: structuredClone(source.graph),
        publishedVersion: null,
        createdBy: actor.id,
        createdAt: now,
        updatedBy: actor.id,
        updatedAt: now,
        revision: 0,
      });
      await record(actor, 'flow.created', flow.id, {
        name: flow.name,
        copiedFromId: source.id,
        copiedFromName: source.name,
      });
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

    /**
     * Deleting a flow also cancels its runs still in progress, with their open review tasks:
     * nothing of a deleted flow should wait in an inbox or publish later. The flow goes first,
     * so no run of it can start meanwhile (starts check the flow, webhooks too).
     */
    async remove(actor, id) {
      const flow = await store.flows.get(id);
      await store.flows.delete(id);
      const canceledRuns = await cancelActiveRuns(actor, id);
      await record(actor, 'flow.deleted', id, { name: flow.name, canceledRuns });
    },

    async publish(actor, id) {
      return engine.publishDraft(id, actor, async (graph) => [
        ...addressProblems(graph, deps.allowPrivateNetwork),
        ...(await referenceProblems(graph, store)),
      ]);
    },

    async versions(viewer, id, page) {
      await store.flows.get(id);
      return pageShownTo(viewer, await store.flowVersions.listPage(id, page));
    },

    async version(viewer, id, number) {
      await store.flows.get(id);
      const version = await store.flowVersions.findByNumber(id, number);
      if (!version) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `This flow has no version ${number}`,
          details: { id, number },
        });
      }
      return shownTo(viewer, version);
    },
  };
}
