import { describe, expect, it } from 'vitest';
import type { Graph } from '@tandem/schema';
import { blogGraph, createHarness, designer } from './testing/harness.js';

/** The same graph with every object's keys written in the reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  }
  return value;
}

describe('publishing a draft the latest version already holds', () => {
  it('creates no version, audits and announces nothing, and gives the latest back', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const published = h.events.filter((e) => e.type === 'flow.published').length;

    const again = await h.engine.publishDraft(flowId, designer);
    expect(again.created).toBe(false);
    expect(again.version.number).toBe(1);
    // The same answer through publishFlow, which callers that need not know use.
    expect((await h.engine.publishFlow(flowId, designer)).number).toBe(1);

    expect((await h.store.flowVersions.listPage(flowId, {})).items).toHaveLength(1);
    expect((await h.store.audit.list({ action: 'flow.published' })).items).toHaveLength(1);
    expect(h.events.filter((e) => e.type === 'flow.published')).toHaveLength(published);
    expect((await h.store.flows.get(flowId)).publishedVersion).toBe(1);
  });

  it('compares the graph, not how its keys happen to be ordered', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const flow = await h.store.flows.get(flowId);
    await h.store.flows.update({ ...flow, graph: reversedKeys(flow.graph) });
    expect((await h.engine.publishDraft(flowId, designer)).created).toBe(false);
  });

  it('publishes anew once the graph or the name differs', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const flow = await h.store.flows.get(flowId);
    const graph: Graph = structuredClone(flow.graph);
    graph.nodes.find((n) => n.id === 'draft')!.config.prompt =
      'Write briefly about {{ input.topic }}';
    await h.store.flows.update({ ...flow, graph });
    const edited = await h.engine.publishDraft(flowId, designer);
    expect(edited).toMatchObject({ created: true, version: { number: 2 } });

    // A version keeps the name it was published under: a rename is a new version.
    await h.store.flows.update({ ...(await h.store.flows.get(flowId)), name: 'Renamed flow' });
    const renamed = await h.engine.publishDraft(flowId, designer);
    expect(renamed).toMatchObject({ created: true, version: { number: 3, name: 'Renamed flow' } });
  });

  it('makes one version of one draft published twice at once (a double click, two tabs)', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const flow = await h.store.flows.get(flowId);
    await h.store.flows.update({ ...flow, name: 'Changed' });

    const both = await Promise.all([
      h.engine.publishDraft(flowId, designer),
      h.engine.publishDraft(flowId, designer),
    ]);
    expect(both.map((r) => r.version.number)).toEqual([2, 2]);
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);
    expect((await h.store.flowVersions.listPage(flowId, {})).items).toHaveLength(2);
    expect((await h.store.audit.list({ action: 'flow.published' })).items).toHaveLength(2);
  });
});
