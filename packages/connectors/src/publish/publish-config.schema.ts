import { z } from 'zod';

/*
 * What each channel reads from a publish node's config (packages/nodes publish.* nodes) and
 * from its saved connection. The nodes render their templates (subject, body, title, message)
 * before publishing and hand the results over as `content.title` / `content.body`, so the
 * connector never renders a template itself: templates have one scope, the node's. These schemas
 * pick out the fields the connector acts on (unknown fields are ignored) and re-check them,
 * because a replayed dead letter may carry a config from an older flow version.
 */

const HeaderNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Not a valid header name');
const HeaderValueSchema = z
  .string()
  .max(2_000)
  .regex(/^[^\r\n]*$/, 'Header values are one line');
export const HeadersSchema = z.record(HeaderNameSchema, HeaderValueSchema);

/** The node edits headers as a list of { name, value }; a connection stores a record. */
const HeaderListSchema = z
  .array(z.object({ name: HeaderNameSchema, value: HeaderValueSchema }))
  .max(30)
  .transform((list) => Object.fromEntries(list.map((h) => [h.name, h.value])));

const IdRef = z.string().trim().min(1).max(64);

export const WebhookPublishConfigSchema = z
  .object({
    url: z.string().max(2_000).optional(),
    connectionId: IdRef.optional(),
    method: z.enum(['POST', 'PUT']).default('POST'),
    headers: z.union([HeaderListSchema, HeadersSchema]).default({}),
  })
  .refine((c) => c.url || c.connectionId, {
    message: 'Set a URL or choose a webhook connection',
    path: ['url'],
  });
export type WebhookPublishConfig = z.infer<typeof WebhookPublishConfigSchema>;

const RecipientsSchema = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[,;]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.email('Not a valid email address').max(254)).max(50),
);

export const EmailPublishConfigSchema = z.object({
  connectionId: IdRef,
  to: RecipientsSchema.refine((list) => list.length > 0, 'Add at least one recipient'),
  cc: RecipientsSchema.default([]),
  bcc: RecipientsSchema.default([]),
  /** `html`: sanitized HTML plus a text part; `text`: a text part only. */
  format: z.enum(['html', 'text']).default('html'),
  replyTo: z.email().optional(),
});
export type EmailPublishConfig = z.infer<typeof EmailPublishConfigSchema>;

export const SlackPublishConfigSchema = z.object({
  connectionId: IdRef,
});
export type SlackPublishConfig = z.infer<typeof SlackPublishConfigSchema>;

export const LibraryPublishConfigSchema = z.object({
  collection: z.string().trim().max(80).default(''),
  /** Set by the node: whether a checkpoint passed the content (false: straight from a step). */
  reviewed: z.boolean().default(true),
});

/** A term is its WordPress id or its name (looked up, created when missing). */
const TermSchema = z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]);

export const WordPressPublishConfigSchema = z.object({
  connectionId: IdRef,
  status: z.enum(['draft', 'publish']).default('draft'),
  categories: z.array(TermSchema).max(50).default([]),
  tags: z.array(TermSchema).max(100).default([]),
});
export type WordPressPublishConfig = z.infer<typeof WordPressPublishConfigSchema>;

/* Connections: `settings` may be shown, `secrets` are sealed at rest. */

export const WebhookConnectionSettingsSchema = z.object({
  url: z.string().max(2_000),
});
export const WebhookConnectionSecretsSchema = z.object({
  /** `whsec_<base64>`; absent: deliveries are not signed. */
  signingSecret: z.string().max(500).optional(),
  /** The secret being rotated out; while set, both sign. */
  previousSigningSecret: z.string().max(500).optional(),
  /**
   * Custom headers sent with every delivery. Sealed, not settings: receivers' API keys and bearer
   * tokens go here (see connection-headers.ts for connections saved before that).
   */
  headers: HeadersSchema.refine(
    (h) => Object.keys(h).length <= 30,
    'At most 30 headers',
  ).optional(),
});

export const SmtpConnectionSettingsSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535).default(587),
  /** TLS from the first byte; always so on port 465. Otherwise STARTTLS (see email.channel.ts). */
  secure: z.boolean().default(false),
  /** Refuse to send without STARTTLS, even with no password to protect. */
  requireTLS: z.boolean().default(false),
  /**
   * Send the user name and password to a server that offers no encryption (a local test server).
   * Off, a password never leaves in clear: someone on the path could strip STARTTLS.
   */
  allowPlainAuth: z.boolean().default(false),
  from: z.email(),
  fromName: z.string().max(200).optional(),
  username: z.string().max(500).optional(),
});
export const SmtpConnectionSecretsSchema = z.object({
  password: z.string().max(500).optional(),
});

export const SlackConnectionSecretsSchema = z.object({
  /** https://hooks.slack.com/services/...: the URL itself is the credential. */
  webhookUrl: z.string().max(2_000),
});

export const WordPressConnectionSettingsSchema = z.object({
  /** The site's base URL, e.g. https://blog.example.com (the REST API lives under /wp-json). */
  siteUrl: z.string().max(2_000),
  username: z.string().min(1).max(200),
});
export const WordPressConnectionSecretsSchema = z.object({
  applicationPassword: z.string().min(1).max(200),
});
