import type { z } from 'zod';
import type {
  Assignees,
  AutomationLevel,
  BrandKitInput,
  Flag,
  Role,
  TaskContent,
  Usage,
} from '@tandem/schema';
import type { Clock, LlmPort, Logger, PublisherPort } from '../ports.js';

export const NODE_CATEGORIES = [
  'trigger',
  'ai',
  'check',
  'human',
  'logic',
  'publish',
  'util',
] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/** A connection point on a node. `id` is what edges name in sourceHandle/targetHandle. */
export interface HandleSpec {
  id: string;
  label: string;
}

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A finished step before this one, nearest first (distance 1 = direct predecessor). */
export interface UpstreamStep {
  nodeId: string;
  type: string;
  output: unknown;
  distance: number;
}

/** What the learning loop adds to an AI step's prompt: approved examples and accepted notes. */
export interface PromptGuidance {
  examples: string[];
  notes: string[];
}

export interface NodeRunContext<C> {
  config: C;
  node: { id: string; type: string; label?: string };
  run: {
    id: string;
    flowId: string;
    flowVersionId: string;
    startedBy: string | null;
    /** A test run: publish steps send nothing (the publisher only renders what it would send). */
    test?: boolean;
  };
  /** The run's input (the trigger's fields). */
  input: Record<string, unknown>;
  /** Outputs of the run's finished steps by node id (`{{ steps.draft.text }}`). */
  steps: Record<string, unknown>;
  upstream: UpstreamStep[];
  brand: BrandKitInput | null;
  llm: LlmPort;
  publisher: PublisherPort;
  clock: Clock;
  logger: Logger;
  /** 1 on the first attempt, higher on retries. */
  attempt: number;
  /** 0 on the first pass, +1 per request-changes round. */
  iteration: number;
  /** Set when a reviewer asked for changes and this AI step runs again. */
  revision?: { note: string; previous: unknown };
  guidance?: PromptGuidance;
  signal?: AbortSignal;
}

/** What a checkpoint asks of a human; the engine applies the automation level to it. */
export interface CheckpointRequest {
  title: string;
  instructions: string;
  content: TaskContent;
  editable: boolean;
  flags: Flag[];
  assignees: Assignees;
  requiredApprovals: number;
  separationOfDuties: boolean;
  dueInMinutes: number | null;
  onDue: 'escalate' | 'reject' | 'approve';
  escalateTo: Role;
  maxRevisions: number;
  defaultLevel: AutomationLevel;
  defaultSampleRate: number;
  locked: boolean;
}

export type NodeRunResult =
  | { kind: 'done'; output: JsonValue; handle?: string; usage?: Usage }
  | { kind: 'wait'; task: CheckpointRequest }
  | { kind: 'sleep'; until: string };

/** A human (or the automation policy) deciding a checkpoint, as the node's resume sees it. */
export interface CheckpointDecision {
  action: 'approve' | 'edit' | 'reject';
  content?: string;
  reason?: string;
  actorId: string;
  /** Present when no human decided: the level and the reason the item passed. */
  auto?: { level: AutomationLevel; reason: string };
}

/** One field of the object a step's run() returns, as later steps read it (`steps.<id>.<key>`). */
export interface OutputFieldSpec {
  key: string;
  description: string;
  /** Present only while these config fields hold one of these values (`{ output: ['json'] }`). */
  when?: Record<string, readonly string[]>;
}

export interface NodeDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  /** Icon name from the editor's icon set (lucide names). */
  icon: string;
  configSchema: S;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  /**
   * Every field the output object holds, so the editor and publish can flag
   * `{{ steps.check.passe }}`. Keep it complete: a field missing here refuses to publish flows
   * that read it. Absent: the output's fields are not known (a webhook start passes on whatever
   * was posted; a manual start's are its form's, see step-references.ts) and are not checked.
   */
  outputFields?: readonly OutputFieldSpec[];
  run(ctx: NodeRunContext<z.output<S>>): Promise<NodeRunResult> | NodeRunResult;
  /**
   * Pure and quick: run() reads only its context (no ports, no I/O, no waiting) and settles in
   * well under a millisecond. The engine then runs it within the pass that finds it ready and
   * writes its step once, finished, instead of queueing it as running and writing it again.
   * A checkpoint marked inline is decided there only when it passes at once (level `auto`).
   */
  inline?: boolean;
  /** Checkpoints: turns a decision on the waiting task into the step's result. */
  resume?(
    ctx: NodeRunContext<z.output<S>>,
    input: { decision: CheckpointDecision; content: TaskContent },
  ): NodeRunResult;
  /** Extra checks beyond the schema (template syntax, cross-field rules), per field path. */
  lint?(config: z.output<S>): { path: (string | number)[]; message: string }[];
  /**
   * The config as it is shown to people who may not change the flow (reviewers, managers):
   * values that may be credentials hidden. It gets the config as stored, which in a draft may
   * be incomplete or invalid, so it must not assume the schema. Absent: shown as stored.
   */
  forReaders?(config: Record<string, unknown>): Record<string, unknown>;
}

/** Declares a node type; the identity function that keeps the config type flowing into run(). */
export function defineNode<S extends z.ZodType>(definition: NodeDefinition<S>): NodeDefinition<S> {
  return definition;
}

export type AnyNodeDefinition = NodeDefinition<z.ZodType>;

export const IN: HandleSpec = { id: 'in', label: 'In' };
export const OUT: HandleSpec = { id: 'out', label: 'Out' };
