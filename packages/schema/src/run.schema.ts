import { z } from 'zod';
import {
  IdSchema,
  LIMITS,
  RevisionSchema,
  SafeJsonSchema,
  SafeRecordSchema,
  TimestampSchema,
} from './common.schema.js';

export const RUN_STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'canceled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/**
 * What holds a waiting run: a human checkpoint (`review`), or only timers (`timer`: a Wait
 * step). Lists show runs without their steps, and "Waiting for review" on a run held by a Wait
 * step sent a manager to an inbox with nothing in it.
 */
export const RunWaitSchema = z.enum(['review', 'timer']);
export type RunWait = z.infer<typeof RunWaitSchema>;

/**
 * What a succeeded run came to, recorded when it finishes, since "succeeded" alone misleads:
 * `published` (some publish step sent its content out), `rejected` (a reviewer rejected the
 * content, none approved it, and nothing was published: the list must not show it as a green
 * "it went out"), or `completed` (every other success, e.g. a flow with no publish step).
 */
export const RUN_OUTCOMES = ['published', 'rejected', 'completed'] as const;
export const RunOutcomeSchema = z.enum(RUN_OUTCOMES);
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

export const STEP_STATUSES = [
  'pending',
  'running',
  'waiting',
  'done',
  'failed',
  'skipped',
] as const;
export const StepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/** `user`: the flow must be fixed (bad config, bad model output); `system`: infrastructure. */
export const ErrorOriginSchema = z.enum(['user', 'system']);

export const StepErrorSchema = z.strictObject({
  code: z.string().max(LIMITS.id),
  message: z.string().max(LIMITS.shortText),
  origin: ErrorOriginSchema,
  retryable: z.boolean(),
});
export type StepError = z.infer<typeof StepErrorSchema>;

export const UsageSchema = z.strictObject({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  /** Estimated cost in US dollars. */
  costUsd: z.number().min(0),
});
export type Usage = z.infer<typeof UsageSchema>;

export const RunSchema = z.strictObject({
  id: IdSchema,
  flowId: IdSchema,
  flowVersionId: IdSchema,
  versionNumber: z.number().int().min(1),
  status: RunStatusSchema,
  /** Set while `status` is `waiting`, absent otherwise (and on runs saved before it existed). */
  waitingFor: RunWaitSchema.optional(),
  input: SafeRecordSchema,
  startedBy: IdSchema.nullable(),
  error: StepErrorSchema.nullable(),
  usage: UsageSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  endedAt: TimestampSchema.nullable(),
  /** Who canceled the run (a canceled run only; runs canceled before it was kept lack it). */
  canceledBy: IdSchema.optional(),
  /**
   * Set when the run succeeds, absent otherwise. Runs that succeeded before it was recorded get
   * it from the engine's start-up recovery (see recordMissingOutcomes).
   */
  outcome: RunOutcomeSchema.optional(),
  /**
   * A test run (a designer trying a flow): publish steps send nothing and record no
   * publication, and checkpoint tasks go to the starter alone and write no feedback. Absent on
   * real runs.
   */
  test: z.literal(true).optional(),
  revision: RevisionSchema,
});
export type Run = z.infer<typeof RunSchema>;

export const StepSchema = z.strictObject({
  id: IdSchema,
  runId: IdSchema,
  nodeId: IdSchema,
  type: z.string().max(LIMITS.id),
  status: StepStatusSchema,
  /** Re-executions of the same node (request-changes rounds) get a new iteration. */
  iteration: z.number().int().min(0),
  output: SafeJsonSchema.nullable(),
  /** Output handle taken (e.g. "approved", "true"); null means every outgoing edge. */
  handle: z.string().max(LIMITS.id).nullable(),
  error: StepErrorSchema.nullable(),
  attempts: z.number().int().min(0),
  /** When a retry or a durable timer (delay, due time) is due. */
  wakeAt: TimestampSchema.nullable(),
  /** Engine-private state kept across waits (e.g. the checkpoint's task id, revision round). */
  state: SafeRecordSchema,
  usage: UsageSchema.nullable(),
  startedAt: TimestampSchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type Step = z.infer<typeof StepSchema>;

export const RunStartSchema = z.strictObject({
  input: SafeRecordSchema.default({}),
  /** Start a test run (see RunSchema.test) rather than a real one; false when absent. */
  test: z.boolean().optional(),
});
export type RunStart = z.infer<typeof RunStartSchema>;
