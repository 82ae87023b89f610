import type { Graph, StorePort } from '@tandem/schema';
import type { Actor, Engine } from '@tandem/engine';
import { demoBrandKit } from '@tandem/nodes';

/** The actors the benchmarks publish, start and tune their flow as. */
export const benchDesigner: Actor = { id: 'bench_designer', roles: ['designer'] };
export const benchManager: Actor = { id: 'bench_manager', roles: ['manager'] };

export const BENCH_FLOW_ID = 'flow_bench';

/** trigger → ai.generate → check.brand → human.review → publish.webhook to `url`. */
export function benchFlowGraph(url: string): Graph {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'draft',
        type: 'ai.generate',
        position: { x: 280, y: 0 },
        config: { prompt: 'Write a short post about {{ input.topic }}.' },
      },
      { id: 'check', type: 'check.brand', position: { x: 560, y: 0 }, config: {} },
      { id: 'review', type: 'human.review', position: { x: 840, y: 0 }, config: {} },
      { id: 'publish', type: 'publish.webhook', position: { x: 1120, y: 0 }, config: { url } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'draft' },
      { id: 'e2', source: 'draft', target: 'check' },
      { id: 'e3', source: 'check', target: 'review' },
      { id: 'e4', source: 'review', sourceHandle: 'approved', target: 'publish' },
    ],
  };
}

/** Stores the demo brand kit and the benchmark flow, publishes it, sets its checkpoint to auto. */
export async function deployBenchFlow(
  engine: Engine,
  store: StorePort,
  sinkUrl: string,
  name: string,
): Promise<void> {
  const now = new Date().toISOString();
  await store.brandKits.create({
    ...demoBrandKit,
    id: 'bk_bench',
    updatedBy: null,
    updatedAt: now,
    revision: 0,
  });
  await store.flows.create({
    id: BENCH_FLOW_ID,
    name,
    graph: benchFlowGraph(sinkUrl),
    publishedVersion: null,
    createdBy: benchDesigner.id,
    createdAt: now,
    updatedBy: benchDesigner.id,
    updatedAt: now,
    revision: 0,
  });
  await engine.publishFlow(BENCH_FLOW_ID, benchDesigner);
  await engine.setAutomation(
    BENCH_FLOW_ID,
    'review',
    { level: 'auto', reason: 'Benchmark' },
    benchManager,
  );
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
