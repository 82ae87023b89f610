import type { Graph, StorePort } from '@tandem/schema';
import { nodeCatalog } from '@tandem/nodes';

/** One flow whose steps name a connection: in its draft, its published version, or both. */
export interface ConnectionFlowUse {
  flowId: string;
  flowName: string;
  /** The steps' names (their label, else their type's title) in the draft. */
  draftSteps: string[];
  /** The same in the published version: what runs now, and fails without the connection. */
  publishedSteps: string[];
  /**
   * Runs under way (running or waiting at a checkpoint) whose own version names it: they fail
   * at that step without it, even when the flow has since been published without it.
   */
  openRuns: number;
}

/** Where a connection is named: what stops working if it is removed. */
export interface ConnectionUsage {
  flows: ConnectionFlowUse[];
  /** The workspace's review emails go out through it. */
  reviewEmails: boolean;
}

const TYPE_TITLES = new Map(nodeCatalog.map((d) => [d.type, d.title]));
const FLOW_PAGE = 200;
const RUN_PAGE = 1_000;

function stepsNaming(graph: Graph, connectionId: string): string[] {
  return graph.nodes
    .filter((node) => node.config.connectionId === connectionId)
    .map((node) => node.label?.trim() || TYPE_TITLES.get(node.type) || node.id);
}

/**
 * Reads every flow's draft and published version, and the version of every run under way, for
 * steps whose `connectionId` is this connection. Removing a connection is rare and admin-only,
 * so a full read is fine: flows number in the hundreds, each version is read once, and open
 * runs are read a page of 1,000 at a time.
 */
export async function connectionUsage(
  store: Pick<StorePort, 'flows' | 'flowVersions' | 'runs' | 'notificationSettings'>,
  connectionId: string,
): Promise<ConnectionUsage> {
  const flows: ConnectionFlowUse[] = [];
  const openRuns = await openRunsNaming(store, connectionId);
  let cursor: string | undefined;
  do {
    const page = await store.flows.list({ limit: FLOW_PAGE, ...(cursor ? { cursor } : {}) });
    for (const flow of page.items) {
      const draftSteps = stepsNaming(flow.graph, connectionId);
      const published =
        flow.publishedVersion === null
          ? null
          : await store.flowVersions.findByNumber(flow.id, flow.publishedVersion);
      const publishedSteps = published ? stepsNaming(published.graph, connectionId) : [];
      const open = openRuns.get(flow.id) ?? 0;
      openRuns.delete(flow.id);
      if (draftSteps.length > 0 || publishedSteps.length > 0 || open > 0) {
        flows.push({
          flowId: flow.id,
          flowName: flow.name,
          draftSteps,
          publishedSteps,
          openRuns: open,
        });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  // Runs whose flow was deleted meanwhile still run to their end.
  for (const [flowId, open] of openRuns) {
    flows.push({
      flowId,
      flowName: 'A deleted flow',
      draftSteps: [],
      publishedSteps: [],
      openRuns: open,
    });
  }
  const settings = await store.notificationSettings.find();
  return { flows, reviewEmails: settings?.connectionId === connectionId };
}

/** Open runs per flow whose pinned version has a step naming the connection. */
async function openRunsNaming(
  store: Pick<StorePort, 'flowVersions' | 'runs'>,
  connectionId: string,
): Promise<Map<string, number>> {
  const versionNamesIt = new Map<string, boolean>();
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await store.runs.list({
      status: ['running', 'waiting'],
      limit: RUN_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const run of page.items) {
      let namesIt = versionNamesIt.get(run.flowVersionId);
      if (namesIt === undefined) {
        const version = await store.flowVersions.get(run.flowVersionId);
        namesIt = stepsNaming(version.graph, connectionId).length > 0;
        versionNamesIt.set(run.flowVersionId, namesIt);
      }
      if (namesIt) counts.set(run.flowId, (counts.get(run.flowId) ?? 0) + 1);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}
