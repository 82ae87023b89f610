import type { FlowVersion, Page } from '@tandem/schema';
import { api } from '../../../api/client.js';

const enc = encodeURIComponent;

/** How many versions the history shows at first, and adds each time older ones are asked for. */
const VERSIONS_PAGE_SIZE = 20;

/** One page of a flow's published versions, newest first; `cursor` continues after the last. */
export function listFlowVersions(
  flowId: string,
  cursor?: string,
  limit = VERSIONS_PAGE_SIZE,
): Promise<Page<FlowVersion>> {
  return api.get<Page<FlowVersion>>(`/api/flows/${enc(flowId)}/versions`, {
    query: { limit, cursor },
  });
}

/** The live version, asked for alone: a flow may have thousands. */
export async function latestFlowVersion(flowId: string): Promise<FlowVersion | null> {
  return (await listFlowVersions(flowId, undefined, 1)).items[0] ?? null;
}
