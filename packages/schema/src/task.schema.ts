import { z } from 'zod';
import {
  IdSchema,
  LIMITS,
  LongTextSchema,
  RevisionSchema,
  SafeJsonSchema,
  ShortTextSchema,
  TimestampSchema,
} from './common.schema.js';
import { RoleSchema } from './user.schema.js';

export const SEVERITIES = ['info', 'warning', 'error'] as const;
export const FlagSchema = z.strictObject({
  rule: z.string().max(LIMITS.id),
  message: z.string().max(LIMITS.shortText),
  severity: z.enum(SEVERITIES),
  /** The matched text, so the reviewer sees it highlighted. */
  match: z.string().max(LIMITS.shortText).optional(),
  nodeId: IdSchema.optional(),
});
export type Flag = z.infer<typeof FlagSchema>;

export const TASK_STATUSES = ['open', 'decided', 'expired', 'canceled'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const DECISION_ACTIONS = ['approve', 'edit', 'request_changes', 'reject'] as const;
export const DecisionActionSchema = z.enum(DECISION_ACTIONS);
export type DecisionAction = z.infer<typeof DecisionActionSchema>;

export const FEEDBACK_TAGS = [
  'off-brand',
  'inaccurate',
  'tone',
  'legal',
  'too-long',
  'other',
] as const;
export const TagSchema = z.string().trim().min(1).max(40);

/**
 * The longest a page holds a decision for undo before sending it (the inbox's longest hold
 * choice). A longer `heldMs` (a page asleep in a background tab) counts as this much: the
 * time to decide must not lose more than the reviewer could have chosen to wait.
 */
export const MAX_DECISION_HOLD_MS = 30_000;

/** What a reviewer sends. `edit` approves with edited `content`. */
export const DecisionInputSchema = z
  .strictObject({
    action: DecisionActionSchema,
    content: LongTextSchema.optional(),
    reason: ShortTextSchema.optional(),
    tags: z.array(TagSchema).max(20).optional(),
    /**
     * The task revision the reviewer saw; a stale one is refused. Required to approve or edit
     * a quorum task another reviewer edited: what is approved then is that reviewer's text.
     */
    revision: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        "The task revision the reviewer saw; a stale one is refused (409). Required to approve or edit once another reviewer's edit is among the task's approvals.",
      ),
    // Described for the OpenAPI document, which lists it on the decision route.
    heldMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 60 * 1000)
      .optional()
      .describe(
        `How long the page held the decision (for undo) before sending it, in ms; subtracted from the recorded time to decide, counting at most ${MAX_DECISION_HOLD_MS} ms`,
      ),
  })
  .superRefine((d, ctx) => {
    if (d.action === 'edit' && d.content === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Edited content is required', path: ['content'] });
    }
    if (d.action === 'request_changes' && !d.reason?.trim()) {
      ctx.addIssue({ code: 'custom', message: 'Say what should change', path: ['reason'] });
    }
  });
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const DecisionSchema = z.strictObject({
  action: DecisionActionSchema,
  content: LongTextSchema.optional(),
  reason: ShortTextSchema.optional(),
  tags: z.array(TagSchema).max(20).default([]),
  actorId: IdSchema,
  at: TimestampSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;

export const TaskContentSchema = z.strictObject({
  text: LongTextSchema.optional(),
  data: SafeJsonSchema.optional(),
  /** The AI step whose output is under review, and the prompt version that produced it. */
  sourceNodeId: IdSchema.optional(),
  promptVersion: z.string().max(LIMITS.id).optional(),
  model: z.string().max(LIMITS.name).optional(),
});
export type TaskContent = z.infer<typeof TaskContentSchema>;

export const AssigneesSchema = z.strictObject({
  roles: z.array(RoleSchema).max(4),
  userIds: z.array(IdSchema).max(100),
});
export type Assignees = z.infer<typeof AssigneesSchema>;

export const TaskSchema = z.strictObject({
  id: IdSchema,
  runId: IdSchema,
  flowId: IdSchema,
  nodeId: IdSchema,
  stepId: IdSchema,
  /** `blocking` holds the run; `spot_check` is an after-the-fact review that does not. */
  kind: z.enum(['blocking', 'spot_check']),
  status: TaskStatusSchema,
  title: z.string().max(LIMITS.name),
  instructions: ShortTextSchema,
  content: TaskContentSchema,
  editable: z.boolean(),
  flags: z.array(FlagSchema).max(LIMITS.list),
  assignees: AssigneesSchema,
  requiredApprovals: z.number().int().min(1).max(10),
  approvals: z.array(DecisionSchema).max(10),
  /** The run's starter, kept for separation of duties. */
  startedBy: IdSchema.nullable(),
  separationOfDuties: z.boolean(),
  round: z.number().int().min(0),
  dueAt: TimestampSchema.nullable(),
  escalatedAt: TimestampSchema.nullable(),
  claimedBy: IdSchema.nullable(),
  claimedAt: TimestampSchema.nullable(),
  decision: DecisionSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  decidedAt: TimestampSchema.nullable(),
  /**
   * The task belongs to a test run: only its starter decides it, it is in no reviewer's inbox
   * (run viewers still read it, as they read the run), and its decision writes no feedback.
   * Absent on real runs' tasks.
   */
  test: z.literal(true).optional(),
  revision: RevisionSchema,
});
export type Task = z.infer<typeof TaskSchema>;

/** Open tasks of one flow (the flows list shows them). */
export const OpenTaskCountSchema = z.strictObject({
  flowId: IdSchema,
  open: z.number().int().min(1),
});
export type OpenTaskCount = z.infer<typeof OpenTaskCountSchema>;
