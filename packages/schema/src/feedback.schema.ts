import { z } from 'zod';
import {
  IdSchema,
  JsonRecordSchema,
  LIMITS,
  LongTextSchema,
  RevisionSchema,
  ShortTextSchema,
  TimestampSchema,
} from './common.schema.js';
import { DecisionActionSchema, TagSchema } from './task.schema.js';

/** Every decision on AI output: the evidence automation and prompts learn from. */
export const FeedbackSchema = z.strictObject({
  id: IdSchema,
  flowId: IdSchema,
  /** The checkpoint that was decided. */
  nodeId: IdSchema,
  /** The AI step whose output was reviewed. */
  sourceNodeId: IdSchema.nullable(),
  runId: IdSchema,
  taskId: IdSchema,
  promptVersion: z.string().max(LIMITS.id).nullable(),
  action: DecisionActionSchema,
  original: LongTextSchema,
  final: LongTextSchema,
  /** Words inserted plus words deleted in a word-level diff of original → final. */
  editSize: z.number().int().min(0),
  reason: ShortTextSchema.nullable(),
  tags: z.array(TagSchema).max(20),
  flagged: z.boolean(),
  /** Whether this decision came from a sample of clean items (spot check / review_flagged). */
  sampled: z.boolean(),
  actorId: IdSchema,
  timeToDecideMs: z.number().int().min(0),
  createdAt: TimestampSchema,
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const AUTOMATION_LEVELS = ['review_all', 'review_flagged', 'spot_check', 'auto'] as const;
export const AutomationLevelSchema = z.enum(AUTOMATION_LEVELS);
export type AutomationLevel = z.infer<typeof AutomationLevelSchema>;

export const SampleRateSchema = z.number().min(0).max(1);

export const AutomationSettingSchema = z.strictObject({
  flowId: IdSchema,
  nodeId: IdSchema,
  level: AutomationLevelSchema,
  sampleRate: SampleRateSchema,
  locked: z.boolean(),
  lockedBy: IdSchema.nullable(),
  reason: ShortTextSchema.nullable(),
  updatedBy: IdSchema.nullable(),
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type AutomationSetting = z.infer<typeof AutomationSettingSchema>;

/** A manager's change of level: every one is audited with why it was made. */
export const AutomationUpdateSchema = z.strictObject({
  level: AutomationLevelSchema,
  sampleRate: SampleRateSchema.optional(),
  reason: ShortTextSchema.trim().min(1, 'Say why, for the audit trail'),
});
export type AutomationUpdate = z.infer<typeof AutomationUpdateSchema>;

export const EvidenceSchema = z.strictObject({
  decisions: z.number().int().min(0),
  approvedUnedited: z.number().int().min(0),
  unEditedApprovalRate: z.number().min(0).max(1),
  editRate: z.number().min(0).max(1),
  meanEditSize: z.number().min(0),
  /** Sent back for a new draft: with approvals and rejections, every decision is counted. */
  changesRequestedRate: z.number().min(0).max(1),
  rejectionRate: z.number().min(0).max(1),
  flaggedRate: z.number().min(0).max(1),
  medianTimeToDecideMs: z.number().min(0).nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const RecommendationSchema = z.strictObject({
  direction: z.enum(['raise', 'lower', 'keep']),
  to: AutomationLevelSchema.nullable(),
  /** Plain words with the numbers behind it, e.g. "48 of 50 approved unedited". */
  reason: z.string().max(LIMITS.shortText),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const PUBLICATION_CHANNELS = ['webhook', 'email', 'slack', 'wordpress', 'library'] as const;
export const PublicationChannelSchema = z.enum(PUBLICATION_CHANNELS);
export type PublicationChannel = z.infer<typeof PublicationChannelSchema>;

export const PUBLICATION_STATUSES = ['pending', 'sending', 'succeeded', 'failed', 'dead'] as const;
export const PublicationStatusSchema = z.enum(PUBLICATION_STATUSES);
export type PublicationStatus = z.infer<typeof PublicationStatusSchema>;

export const DeliveryAttemptSchema = z.strictObject({
  at: TimestampSchema,
  status: z.number().int().nullable(),
  durationMs: z.number().min(0),
  error: z.string().max(LIMITS.shortText).nullable(),
  responseExcerpt: z.string().max(LIMITS.shortText).nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/** One effort to send content out. `key` = `runId:nodeId` makes retries idempotent. */
export const PublicationSchema = z.strictObject({
  id: IdSchema,
  key: z.string().max(LIMITS.id * 2 + 1),
  runId: IdSchema,
  flowId: IdSchema,
  nodeId: IdSchema,
  channel: PublicationChannelSchema,
  status: PublicationStatusSchema,
  /** sha256 of the content a human approved (or the policy passed); publish refuses others. */
  contentHash: z.string().max(128),
  /** The request as sent, secrets removed, kept so a dead letter can be replayed. */
  request: JsonRecordSchema,
  target: z.string().max(LIMITS.shortText),
  attempts: z.array(DeliveryAttemptSchema).max(100),
  externalId: z.string().max(LIMITS.shortText).nullable(),
  error: z.string().max(LIMITS.shortText).nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /**
   * When a library entry was archived: out of the library's list, kept as the record of what
   * its run produced. Absent when not archived (and on every record written before archiving).
   */
  archivedAt: TimestampSchema.optional(),
  revision: RevisionSchema,
});
export type Publication = z.infer<typeof PublicationSchema>;

/**
 * The `error` a cancel records on a publication it gave up before sending it (`dead`, see the
 * engine's settleUnsentPublications). One constant for the engine that writes it and the pages
 * that read it: a publication cut off mid-send also ends `dead` in a canceled run, but the
 * receiver may have that one, and the pages must not say the same of both.
 */
export const CANCELED_BEFORE_SENDING = 'The run was canceled before this was sent';

/**
 * What a dead letter's error says when the delivery may have arrived: the request went out
 * whole, then the connection failed, and the receiver cannot recognise a repeat (Slack).
 */
export const MAY_HAVE_ARRIVED =
  'may have posted this message: the connection failed after it was sent';

/** Whether this dead letter may already be published, so a replay could publish it twice. */
export function mayHaveArrived(publication: Pick<Publication, 'status' | 'error'>) {
  return publication.status === 'dead' && (publication.error ?? '').includes(MAY_HAVE_ARRIVED);
}

/** Whether a cancel settled this publication before it was sent (rather than mid-send). */
export function wasCanceledBeforeSending(publication: Pick<Publication, 'status' | 'error'>) {
  return publication.status === 'dead' && publication.error === CANCELED_BEFORE_SENDING;
}
