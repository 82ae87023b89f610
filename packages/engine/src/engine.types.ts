import type {
  AutomationLevel,
  AutomationUpdate,
  BrandKitInput,
  DecisionInput,
  EngineEvent,
  Evidence,
  FlowVersion,
  Graph,
  Publication,
  Recommendation,
  Role,
  Run,
  StorePort,
  Task,
} from '@tandem/schema';
import type {
  AnyNodeDefinition,
  Clock,
  GraphProblem,
  LlmPort,
  Logger,
  PromptGuidance,
  PublisherPort,
} from '@tandem/nodes';
import type { EvidenceThresholds } from './evidence.js';
import type { RetryPolicy } from './retry-policy.js';
import type { QueuePort } from './queue/queue.port.js';

/** Who is acting: the engine enforces task permissions itself, not only the HTTP layer. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

/** setTimeout-like port so tests drive the scheduler with a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EngineLimits {
  /** Steps executing at once in this process. */
  maxConcurrentSteps: number;
  /** Steps of one flow executing at once, so one busy flow cannot starve the others. */
  maxConcurrentStepsPerFlow: number;
  retry: RetryPolicy;
  /** A claim older than this no longer blocks other reviewers. */
  claimTtlMs: number;
  /** The scheduler sleeps at least this long between passes, and polls at least this often. */
  schedulerMinDelayMs: number;
  schedulerMaxDelayMs: number;
  evidence: EvidenceThresholds;
  /** How long a read brand kit is reused; edits show up in new steps within this time. */
  brandKitTtlMs: number;
  /** A node's own work (LLM call, send) is aborted and retried after this long. */
  stepTimeoutMs: number;
}

export interface GuidanceRequest {
  flowId: string;
  nodeId: string;
  /** The AI step's current prompt version (a hash of its prompt, system prompt and model). */
  promptVersion: string;
  store: StorePort;
}

export interface EngineOptions {
  /** Node types; the full catalog by default. */
  nodes?: readonly AnyNodeDefinition[];
  store: StorePort;
  llm: LlmPort;
  publisher: PublisherPort;
  clock?: Clock;
  timers?: Timers;
  /** New ids; `prefix` names the entity (run, step, task, ...). */
  ids?: (prefix: string) => string;
  /** Uniform [0, 1); seed it in tests so sampling is reproducible. */
  random?: () => number;
  logger?: Logger;
  limits?: Partial<Omit<EngineLimits, 'retry' | 'evidence'>> & {
    retry?: Partial<RetryPolicy>;
    evidence?: Partial<EvidenceThresholds>;
  };
  /** The brand kit AI steps and checks use; the store's first brand kit by default. */
  brandKit?: () => Promise<BrandKitInput | null>;
  /** The learning loop's examples and notes for an AI step (packages/engine/src/learning). */
  guidance?: (request: GuidanceRequest) => Promise<PromptGuidance | undefined>;
  /**
   * A queue shared by several processes (Redis in apps/server). Without one, this process
   * executes every step itself. With one, passes enqueue step jobs, timers become delayed
   * jobs, and only processes that called `start()` take jobs.
   */
  queue?: QueuePort;
}

export interface StartRunInput {
  flowId?: string;
  flowVersionId?: string;
  input?: unknown;
  startedBy: string | null;
  /**
   * A test run (RunSchema.test): publish steps send nothing, checkpoint tasks go to the
   * starter alone and write no feedback. Needs a starter.
   */
  test?: boolean;
  /**
   * The run's id, when the caller derives it from something that must start one run only (an
   * inbound delivery's id): the store refuses a second run with the same id (CONFLICT), in
   * every process and after a restart.
   */
  runId?: string;
}

export interface CheckpointAutomation {
  nodeId: string;
  title: string;
  level: AutomationLevel;
  sampleRate: number;
  locked: boolean;
  evidence: Evidence;
  /** The evidence covers only the newest decisions; older ones exist and are not counted. */
  olderDecisions: boolean;
  /**
   * The newest decision's feedback id, null before any: it changes with every decision, where
   * the evidence's count stops changing once it covers its window.
   */
  newestDecisionId: string | null;
  recommendation: Recommendation;
  /** The same evidence split by the AI step's prompt version, newest first. */
  byPromptVersion: { promptVersion: string | null; evidence: Evidence }[];
}

export type EngineListener = (event: EngineEvent) => void;

export interface Engine {
  startRun(input: StartRunInput): Promise<Run>;
  cancelRun(runId: string, actor: Actor): Promise<Run>;
  decide(taskId: string, decision: DecisionInput | unknown, actor: Actor): Promise<Task>;
  claimTask(taskId: string, actor: Actor): Promise<Task>;
  releaseTask(taskId: string, actor: Actor): Promise<Task>;
  /** Whether `actor` may decide `task` (assignee by role or by name); for inbox filtering. */
  canDecide(task: Task, actor: Actor): boolean;
  /**
   * Validates the draft and freezes it as the next version. `checks` adds the caller's own
   * problems (the server's outbound-address and reference checks) on the same read of the
   * draft, so every problem comes back at once and the version published is the one checked.
   */
  publishFlow(flowId: string, actor: Actor, checks?: PublishChecks): Promise<FlowVersion>;
  /**
   * `publishFlow`, saying whether a version was created: a draft the latest version already
   * holds (same graph, same name) is not published again, and that version comes back.
   */
  publishDraft(flowId: string, actor: Actor, checks?: PublishChecks): Promise<PublishResult>;
  getAutomation(flowId: string): Promise<CheckpointAutomation[]>;
  setAutomation(
    flowId: string,
    nodeId: string,
    update: AutomationUpdate | unknown,
    actor: Actor,
  ): Promise<CheckpointAutomation>;
  replayPublication(publicationId: string, actor: Actor): Promise<Publication>;
  /** Resumes after a restart: re-runs interrupted steps, reconciles decided tasks, fires due timers. */
  recover(): Promise<void>;
  /** Fires every due retry, delay and task due time once. */
  tick(): Promise<void>;
  /** Starts the timer loop (and, with a queue, taking jobs); `stop` ends both and waits. */
  start(): void;
  /**
   * Waits for in-flight steps; after `graceMs` (default 10 s) aborts the rest, which go back to
   * pending and run again after a restart, so a shutdown never hangs on a slow LLM or receiver.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Resolves when no step, advance or timer is in flight (tests, graceful shutdown). */
  idle(): Promise<void>;
  on(listener: EngineListener): () => void;
}

/** What a publish gave: the version, and whether it is new (false: the draft was published). */
export interface PublishResult {
  version: FlowVersion;
  created: boolean;
}

/** Problems beyond the graph's own that a publish must refuse (see `Engine.publishFlow`). */
export type PublishChecks = (graph: Graph) => Promise<GraphProblem[]> | GraphProblem[];
