import { z } from 'zod';
import { IdSchema, RevisionSchema, TimestampSchema } from './common.schema.js';

/*
 * Email notifications for reviewers: the workspace's setting (which SMTP connection sends, and
 * the address Tandem is reached at for the links), each user's opt-in, and one delivery record
 * per user and batch window, claimed before its email is sent so no email goes out twice.
 */

/** The one workspace settings row has this id. */
export const NOTIFICATION_SETTINGS_ID = 'workspace';

/** The address people open Tandem at: http(s) only, no credentials, query or fragment. */
export const PublicBaseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => URL.canParse(value), 'Enter a full address, like https://tandem.example.com')
  .refine(
    (value) => !URL.canParse(value) || ['http:', 'https:'].includes(new URL(value).protocol),
    'Use an http:// or https:// address',
  )
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'Leave out a user name, password, ? query or # part')
  // Links are built as `${baseUrl}/inbox/...`: one form, without a trailing slash.
  .transform((value) => value.replace(/\/+$/, ''));

export const NotificationSettingsSchema = z.strictObject({
  id: z.literal(NOTIFICATION_SETTINGS_ID),
  /** The SMTP connection that sends; null: notifications are off for everyone. */
  connectionId: IdSchema.nullable(),
  baseUrl: PublicBaseUrlSchema.nullable(),
  updatedAt: TimestampSchema,
  updatedBy: IdSchema.nullable(),
  revision: RevisionSchema,
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** What an admin sends. A connection needs the address the links point at. */
export const NotificationSettingsInputSchema = z
  .strictObject({
    /** The revision the admin read (0 before anything was saved). */
    revision: RevisionSchema,
    connectionId: IdSchema.nullable(),
    baseUrl: PublicBaseUrlSchema.nullable(),
  })
  .superRefine((input, ctx) => {
    if (input.connectionId !== null && input.baseUrl === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'Enter the address people open Tandem at, so the email can link to the task',
      });
    }
  });
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsInputSchema>;

/** One user's choice; its id is the user's id. */
export const NotificationPreferenceSchema = z.strictObject({
  id: IdSchema,
  /** "Email me when a review waits for me". */
  reviewEmails: z.boolean(),
  /** When it was last switched on: tasks created before are not emailed. */
  enabledAt: TimestampSchema.nullable(),
  /** The IANA zone the emails give due times in: the reader's browser's, as last saved. */
  timeZone: z.string().max(64).optional(),
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type NotificationPreference = z.infer<typeof NotificationPreferenceSchema>;

export const NotificationPreferenceInputSchema = z.strictObject({
  reviewEmails: z.boolean(),
  /** The browser's IANA time zone ("Europe/Berlin"); kept as it was when left out. */
  timeZone: z.string().trim().min(1).max(64).optional(),
});
export type NotificationPreferenceInput = z.infer<typeof NotificationPreferenceInputSchema>;

/** What the preference panel shows: the choice, and whether an admin set up sending at all. */
export const NotificationPreferenceViewSchema = z.strictObject({
  reviewEmails: z.boolean(),
  available: z.boolean(),
  /** The zone of the due times in the emails; null until one is saved (they are in UTC). */
  timeZone: z.string().nullable(),
});
export type NotificationPreferenceView = z.infer<typeof NotificationPreferenceViewSchema>;

/** `skipped`: every task was decided or gone by the time the email would have gone out. */
export const NOTIFICATION_DELIVERY_STATUSES = ['claimed', 'sent', 'failed', 'skipped'] as const;

/**
 * One user's email for one batch window. Its id is derived from both, so a second process (or
 * this one after a restart) that tries to claim the same batch is refused by the store.
 */
export const NotificationDeliverySchema = z.strictObject({
  id: IdSchema,
  userId: IdSchema,
  windowStart: TimestampSchema,
  status: z.enum(NOTIFICATION_DELIVERY_STATUSES),
  taskIds: z.array(IdSchema).max(1_000),
  createdAt: TimestampSchema,
  sentAt: TimestampSchema.nullable(),
  /** Why sending failed, scrubbed of secrets. */
  error: z.string().max(500).nullable(),
  revision: RevisionSchema,
});
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;

/** What the admin panel reads: the settings, or the defaults (off) before the first save. */
export const NotificationSettingsViewSchema = z.strictObject({
  connectionId: IdSchema.nullable(),
  baseUrl: z.string().nullable(),
  revision: RevisionSchema,
  updatedAt: TimestampSchema.nullable(),
  updatedBy: IdSchema.nullable(),
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsViewSchema>;
