import { z } from 'zod';
import { RunSchema, StepSchema } from './run.schema.js';
import { TaskSchema } from './task.schema.js';
import { AutomationSettingSchema } from './feedback.schema.js';
import { PublicationSchema } from './feedback.schema.js';
import { SuggestionSchema } from './connection.schema.js';

export const TASK_CHANGES = [
  'claimed',
  'released',
  'decided',
  'expired',
  'escalated',
  'canceled',
  'approval_added',
] as const;

/**
 * Events the server pushes over socket.io, names and payloads as here: the engine's, and
 * `suggestion.updated`, which the server's learning loop and managers' decisions cause.
 */
export const EngineEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('run.updated'), run: RunSchema }),
  z.strictObject({ type: z.literal('step.updated'), step: StepSchema, flowId: z.string() }),
  z.strictObject({ type: z.literal('task.created'), task: TaskSchema }),
  z.strictObject({
    type: z.literal('task.updated'),
    task: TaskSchema,
    change: z.enum(TASK_CHANGES),
  }),
  z.strictObject({ type: z.literal('automation.updated'), setting: AutomationSettingSchema }),
  /**
   * A new version of a flow was published: its checkpoints (names, new ones, default levels and
   * sample rates) may differ, with no setting changed for `automation.updated` to carry.
   */
  z.strictObject({
    type: z.literal('flow.published'),
    flowId: z.string(),
    version: z.number().int().positive(),
  }),
  z.strictObject({ type: z.literal('publication.updated'), publication: PublicationSchema }),
  z.strictObject({ type: z.literal('suggestion.updated'), suggestion: SuggestionSchema }),
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;
export type EngineEventType = EngineEvent['type'];
export type EngineEventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;
export const ENGINE_EVENT_TYPES = EngineEventSchema.options.map((o) => o.shape.type.value);
