import { AppError, newSortableId } from '@tandem/schema';
import type { ExecutingStep } from './step-abort.js';
import type {
  AuditEntry,
  BrandKitInput,
  EngineEvent,
  FlowVersion,
  Graph,
  Run,
  Step,
  StorePort,
} from '@tandem/schema';
import {
  ancestorsOf,
  createNodeRegistry,
  indexGraph,
  systemClock,
  topologicalOrder,
  validateNodeConfig,
} from '@tandem/nodes';
import type {
  AnyNodeDefinition,
  Clock,
  GraphIndex,
  LlmPort,
  Logger,
  NodeRegistry,
  PublisherPort,
} from '@tandem/nodes';
import { KeyedLock, StepSlots, WorkTracker } from './concurrency.js';
import { DEFAULT_EVIDENCE_THRESHOLDS } from './evidence.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import type { EngineLimits, EngineListener, EngineOptions, Timers } from './engine.types.js';
import type { QueuePort } from './queue/queue.port.js';

/** An upstream node and how many edges away it is. */
export type Ancestor = ReturnType<typeof ancestorsOf>[number];

/** A published graph prepared once: index, order and each node's parsed config. */
export interface PreparedVersion {
  version: FlowVersion;
  index: GraphIndex;
  order: string[];
  definitions: Map<string, AnyNodeDefinition>;
  configs: Map<string, unknown>;
  triggerId: string;
  /** Each node's ancestors, nearest first: every step's context and every publish asks. */
  ancestors: Map<string, readonly Ancestor[]>;
}

/** What one pass over a run sees; steps are the latest iteration per node. */
export interface RunSnapshot {
  run: Run;
  prepared: PreparedVersion;
  latest: Map<string, Step>;
  /** Every iteration of every step, for usage totals. */
  steps: Step[];
}

/** Everything the engine's modules share; built once by createEngine. */
export interface EngineContext {
  store: StorePort;
  llm: LlmPort;
  publisher: PublisherPort;
  clock: Clock;
  timers: Timers;
  /** Shared queue when several processes execute steps; null runs them in this process. */
  queue: QueuePort | null;
  logger: Logger;
  random: () => number;
  newId: (prefix: string) => string;
  registry: NodeRegistry;
  limits: EngineLimits;
  options: EngineOptions;
  runLocks: KeyedLock;
  taskLocks: KeyedLock;
  slots: StepSlots;
  work: WorkTracker;
  /** Steps executing in this process right now, so a pass never starts one twice. */
  inFlight: Set<string>;
  /** Steps executing here, by run, so a cancel or shutdown can stop them. */
  executingSteps: Map<string, Set<ExecutingStep>>;
  now(): string;
  emit(event: EngineEvent): void;
  listeners: Set<EngineListener>;
  audit(entry: AuditEntry): Promise<void>;
  prepare(versionId: string): Promise<PreparedVersion>;
  prepareGraph(version: FlowVersion): PreparedVersion;
  brandKit(): Promise<BrandKitInput | null>;
  /** Tells the scheduler a timer is due at `at`; set by the scheduler when it starts. */
  wake: (at: string) => void;
}

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function resolveLimits(options: EngineOptions['limits']): EngineLimits {
  return {
    maxConcurrentSteps: options?.maxConcurrentSteps ?? 64,
    maxConcurrentStepsPerFlow: options?.maxConcurrentStepsPerFlow ?? 32,
    claimTtlMs: options?.claimTtlMs ?? 15 * 60_000,
    schedulerMinDelayMs: options?.schedulerMinDelayMs ?? 20,
    schedulerMaxDelayMs: options?.schedulerMaxDelayMs ?? 30_000,
    brandKitTtlMs: options?.brandKitTtlMs ?? 2_000,
    stepTimeoutMs: options?.stepTimeoutMs ?? 10 * 60_000,
    retry: { ...DEFAULT_RETRY_POLICY, ...options?.retry },
    evidence: { ...DEFAULT_EVIDENCE_THRESHOLDS, ...options?.evidence },
  };
}

export function prepareGraph(version: FlowVersion, registry: NodeRegistry): PreparedVersion {
  const graph: Graph = version.graph;
  const index = indexGraph(graph);
  const order = topologicalOrder(index);
  if (!order) throw flowBroken(version, 'The flow has a loop');
  const definitions = new Map<string, AnyNodeDefinition>();
  const configs = new Map<string, unknown>();
  let triggerId: string | null = null;
  graph.nodes.forEach((node, i) => {
    const definition = registry.get(node.type);
    if (!definition) throw flowBroken(version, `Unknown step type "${node.type}"`);
    const parsed = validateNodeConfig(definition, node.config, { nodeId: node.id, index: i });
    if (parsed.config === null)
      throw flowBroken(version, `Step "${node.id}" has an invalid config`);
    definitions.set(node.id, definition);
    configs.set(node.id, parsed.config);
    if (definition.category === 'trigger') triggerId = node.id;
  });
  if (!triggerId) throw flowBroken(version, 'The flow has no start step');
  const ancestors = new Map(order.map((id) => [id, ancestorsOf(index, id)] as const));
  return { version, index, order, definitions, configs, triggerId, ancestors };
}

function flowBroken(version: FlowVersion, message: string): AppError {
  return new AppError({
    code: 'FLOW_INVALID',
    origin: 'user',
    message: `Version ${version.number} of flow ${version.flowId} cannot run: ${message}`,
    details: { flowId: version.flowId, version: version.number },
  });
}

/**
 * The clock's time as an ISO string. On the wall clock (`systemClock`) the string is made once
 * per millisecond: every write stamps a time or two, and formatting a Date each time cost
 * about 2 % of the engine's CPU under load. Any other clock (a test's) is asked every time.
 */
function isoClock(clock: Clock): () => string {
  if (clock !== systemClock) return () => clock.now().toISOString();
  let lastMs = Number.NaN;
  let lastIso = '';
  return () => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
}

export function createEngineContext(options: EngineOptions): EngineContext {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const limits = resolveLimits(options.limits);
  const registry = options.nodes ? createNodeRegistry(options.nodes) : createNodeRegistry();
  const prepared = new Map<string, PreparedVersion>();
  const listeners = new Set<EngineListener>();
  let brand: { value: BrandKitInput | null; at: number } | null = null;
  const ctx: EngineContext = {
    store: options.store,
    llm: options.llm,
    publisher: options.publisher,
    clock,
    timers: options.timers ?? systemTimers,
    queue: options.queue ?? null,
    logger,
    random: options.random ?? Math.random,
    newId: options.ids ?? newSortableId,
    registry,
    limits,
    options,
    runLocks: new KeyedLock(),
    taskLocks: new KeyedLock(),
    slots: new StepSlots(limits.maxConcurrentSteps, limits.maxConcurrentStepsPerFlow),
    work: new WorkTracker(),
    inFlight: new Set(),
    executingSteps: new Map(),
    listeners,
    now: isoClock(clock),
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          logger.error('engine event listener failed', { type: event.type, error: String(error) });
        }
      }
    },
    async audit(entry) {
      await options.store.audit.append({ at: ctx.now(), ...entry });
    },
    prepareGraph: (version) => prepareGraph(version, registry),
    async prepare(versionId) {
      const cached = prepared.get(versionId);
      if (cached) return cached;
      const version = await options.store.flowVersions.get(versionId);
      const result = prepareGraph(version, registry);
      prepared.set(versionId, result);
      return result;
    },
    wake: () => undefined,
    async brandKit() {
      // Read at most every brandKitTtlMs: every AI and check step needs it, edits are rare.
      const now = clock.now().getTime();
      if (brand && now - brand.at < limits.brandKitTtlMs) return brand.value;
      const value = options.brandKit
        ? await options.brandKit()
        : ((await options.store.brandKits.list())[0] ?? null);
      brand = { value, at: now };
      return value;
    },
  };
  return ctx;
}
