import { createMemoryStore } from '@tandem/store';
import type { EngineEvent, Graph, NodeInstance, StorePort } from '@tandem/schema';
import { createEngine } from '../engine.js';
import type { Actor, Engine, EngineOptions } from '../engine.types.js';
import { createFakeClock, createSeededRandom } from './fake-clock.js';
import type { FakeClock } from './fake-clock.js';
import { createRecordingPublisher, createScriptedLlm } from './scripted-ports.js';

export const designer: Actor = { id: 'u_designer', roles: ['designer'] };
export const reviewer: Actor = { id: 'u_reviewer', roles: ['reviewer'] };
export const reviewer2: Actor = { id: 'u_reviewer2', roles: ['reviewer'] };
export const manager: Actor = { id: 'u_manager', roles: ['manager'] };
export const admin: Actor = { id: 'u_admin', roles: ['admin'] };

export interface Harness {
  store: StorePort;
  engine: Engine;
  clock: FakeClock;
  llm: ReturnType<typeof createScriptedLlm>;
  publisher: ReturnType<typeof createRecordingPublisher>;
  events: EngineEvent[];
  /** Saves a flow draft and publishes it; returns the flow id. */
  deploy(graph: Graph, name?: string): Promise<string>;
  /** A second engine over the same store and clock, as after a process restart. */
  restart(): Promise<Engine>;
  /** A new engine over the same store while the old one is abandoned mid-work (a crash). */
  spawn(overrides?: Partial<EngineOptions>): Engine;
  options: EngineOptions;
}

let counter = 0;

export async function createHarness(overrides: Partial<EngineOptions> = {}): Promise<Harness> {
  const store = overrides.store ?? createMemoryStore();
  const clock = createFakeClock();
  const llm = createScriptedLlm();
  const publisher = createRecordingPublisher();
  const events: EngineEvent[] = [];
  let ids = 0;
  const options: EngineOptions = {
    store,
    llm,
    publisher,
    clock,
    timers: clock,
    random: createSeededRandom(42),
    ids: (prefix) => `${prefix}_${++ids}`,
    ...overrides,
  };
  const engine = createEngine(options);
  engine.on((e) => events.push(e));
  const harness: Harness = {
    store,
    engine,
    clock,
    llm: (overrides.llm as typeof llm) ?? llm,
    publisher: (overrides.publisher as typeof publisher) ?? publisher,
    events,
    options,
    async deploy(graph, name = 'Test flow') {
      counter += 1;
      const id = `flow_${counter}`;
      const now = clock.now().toISOString();
      await store.flows.create({
        id,
        name,
        graph,
        publishedVersion: null,
        createdBy: designer.id,
        createdAt: now,
        updatedBy: designer.id,
        updatedAt: now,
        revision: 0,
      });
      await engine.publishFlow(id, designer);
      return id;
    },
    async restart() {
      await engine.stop();
      return harness.spawn();
    },
    spawn(more = {}) {
      const next = createEngine({ ...options, ids: (prefix) => `${prefix}_r${++ids}`, ...more });
      next.on((e) => events.push(e));
      return next;
    },
  };
  return harness;
}

/** Graph-building shorthand for tests: nodes in a row, edges by `from>to` or `from:handle>to`. */
export function graph(nodes: [string, string, Record<string, unknown>?][], edges: string[]): Graph {
  return {
    nodes: nodes.map(([id, type, config], i): NodeInstance => ({
      id,
      type,
      position: { x: i * 280, y: 0 },
      config: (config ?? {}) as NodeInstance['config'],
    })),
    edges: edges.map((spec) => {
      const [from, to] = spec.split('>') as [string, string];
      const [source, handle] = from.split(':') as [string, string | undefined];
      return {
        id: `e_${spec.replace(/[^A-Za-z0-9_]/g, '_')}`,
        source,
        target: to,
        ...(handle ? { sourceHandle: handle } : {}),
      };
    }),
  };
}

export const topicTrigger: [string, string, Record<string, unknown>] = [
  'start',
  'trigger.manual',
  { fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true }] },
];

/** trigger → ai.generate → check.brand → human.review → publish.webhook */
export function blogGraph(
  review: Record<string, unknown> = {},
  brand: Record<string, unknown> = {},
): Graph {
  return graph(
    [
      topicTrigger,
      ['draft', 'ai.generate', { prompt: 'Write about {{ input.topic }}' }],
      ['check', 'check.brand', brand],
      ['review', 'human.review', review],
      ['publish', 'publish.webhook', { url: 'https://example.com/hook' }],
    ],
    ['start>draft', 'draft>check', 'check>review', 'review:approved>publish'],
  );
}

export function eventTypes(events: EngineEvent[]): string[] {
  return events.map((e) =>
    e.type === 'step.updated'
      ? `step:${e.step.nodeId}:${e.step.status}`
      : e.type === 'run.updated'
        ? `run:${e.run.status}`
        : e.type === 'task.updated'
          ? `task:${e.change}`
          : e.type === 'task.created'
            ? `task:created`
            : e.type === 'publication.updated'
              ? `pub:${e.publication.status}`
              : e.type,
  );
}
