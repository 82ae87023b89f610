import type { Flow, StorePort } from '@tandem/schema';
import { scheduleTimingOf } from '@tandem/nodes';
import type { ListedFlow, ScheduleTiming } from '@tandem/nodes';

/**
 * Adds to listed flows their published version's schedule (ListedFlow): the flows list shows
 * when a flow runs next, and the draft may say otherwise than what runs. Published versions
 * never change, so each flow's is read once per version number, not on every list.
 */
export function createPublishedSchedules(store: Pick<StorePort, 'flowVersions'>) {
  const cache = new Map<string, { versionNumber: number; timing: ScheduleTiming | null }>();

  async function timingOf(flow: Flow): Promise<ScheduleTiming | null> {
    const versionNumber = flow.publishedVersion;
    if (versionNumber === null) return null;
    const cached = cache.get(flow.id);
    if (cached?.versionNumber === versionNumber) return cached.timing;
    const version = await store.flowVersions.findByNumber(flow.id, versionNumber);
    const timing = version ? scheduleTimingOf(version.graph) : null;
    cache.set(flow.id, { versionNumber, timing });
    return timing;
  }

  return async function withPublishedSchedules(flows: readonly Flow[]): Promise<ListedFlow[]> {
    return Promise.all(
      flows.map(async (flow) => ({ ...flow, publishedSchedule: await timingOf(flow) })),
    );
  };
}
