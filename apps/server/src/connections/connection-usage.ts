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
}

/** Where a connection is named: what stops working if it is removed. */
export interface ConnectionUsage {
  flows: ConnectionFlowUse[];
  /** The workspace's review emails go out through it. */
  reviewEmails: boolean;
}

const TYPE_TITLES = new Map(nodeCatalog.map((d) => [d.type, d.title]));
const FLOW_PAGE = 200;

function stepsNaming(graph: Graph, connectionId: string): string[] {
  return graph.nodes
    .filter((node) => node.config.connectionId === connectionId)
    .map((node) => node.label?.trim() || TYPE_TITLES.get(node.type) || node.id);
}

/**
 * Reads every flow's draft and published version for steps whose `connectionId` is this
 * connection. Removing a connection is rare and admin-only, so a full read is fine; flows
 * number in the hundreds, and each published version is one read.
 */
export async function connectionUsage(
  store: Pick<StorePort, 'flows' | 'flowVersions' | 'notificationSettings'>,
  connectionId: string,
): Promise<ConnectionUsage> {
  const flows: ConnectionFlowUse[] = [];
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
      if (draftSteps.length > 0 || publishedSteps.length > 0) {
        flows.push({ flowId: flow.id, flowName: flow.name, draftSteps, publishedSteps });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  const settings = await store.notificationSettings.find();
  return { flows, reviewEmails: settings?.connectionId === connectionId };
}
