import { z } from 'zod';
import { AppError, isAppError, validationError } from '@tandem/schema';
import type { ConnectionKind } from '@tandem/schema';
import {
  SlackConnectionSecretsSchema,
  SmtpConnectionSecretsSchema,
  SmtpConnectionSettingsSchema,
  WebhookConnectionSecretsSchema,
  WebhookConnectionSettingsSchema,
  WordPressConnectionSecretsSchema,
  WordPressConnectionSettingsSchema,
  checkOutboundUrl,
  webhookSecretBytes,
} from '@tandem/connectors';

/** An OpenAI-compatible endpoint saved as a connection (for a per-workspace key). */
const LlmSettingsSchema = z.object({
  baseUrl: z.string().max(2_000).optional(),
  model: z.string().max(200).optional(),
});
const LlmSecretsSchema = z.object({ apiKey: z.string().min(1).max(500).optional() });

interface KindSpec {
  settings: z.ZodObject;
  secrets: z.ZodObject;
  /** The outbound URLs to check at save time, with the field path each came from. */
  urls(settings: Record<string, unknown>, secrets: Record<string, unknown>): [string[], string][];
  /**
   * Secrets sent as they are to the host `address` names (a password, an API key): entered for
   * one host, they may not follow the address to another without being entered again.
   */
  hostSecrets: string[];
  /** Where `hostSecrets` go, from parsed settings; compared before and after an update. */
  address(settings: Record<string, unknown>): string | null;
}

const originOf = (url: unknown): string | null => {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const KINDS: Record<ConnectionKind, KindSpec> = {
  webhook: {
    settings: WebhookConnectionSettingsSchema,
    secrets: WebhookConnectionSecretsSchema,
    urls: (s) => [[['settings', 'url'], String(s.url)]],
    // Header values follow the same rule (connection-headers.ts); the signing secret is only
    // ever sent as an HMAC, which does not reveal it.
    hostSecrets: [],
    address: (s) => originOf(s.url),
  },
  smtp: {
    settings: SmtpConnectionSettingsSchema,
    secrets: SmtpConnectionSecretsSchema,
    // The mail host is judged like a URL host: no private or loopback address unless allowed.
    urls: (s) => [[['settings', 'host'], `http://${String(s.host)}/`]],
    hostSecrets: ['password'],
    address: (s) => `${String(s.host).toLowerCase().replace(/\.$/, '')}:${String(s.port)}`,
  },
  slack: {
    settings: z.object({}),
    secrets: SlackConnectionSecretsSchema,
    urls: (_s, secrets) => [[['secrets', 'webhookUrl'], String(secrets.webhookUrl)]],
    // The URL is the secret itself: nothing else goes to it.
    hostSecrets: [],
    address: () => null,
  },
  wordpress: {
    settings: WordPressConnectionSettingsSchema,
    secrets: WordPressConnectionSecretsSchema,
    urls: (s) => [[['settings', 'siteUrl'], String(s.siteUrl)]],
    hostSecrets: ['applicationPassword'],
    address: (s) => originOf(s.siteUrl),
  },
  llm: {
    settings: LlmSettingsSchema,
    secrets: LlmSecretsSchema,
    urls: (s) => (str(s.baseUrl) ? [[['settings', 'baseUrl'], String(s.baseUrl)]] : []),
    hostSecrets: ['apiKey'],
    // No base URL: the provider's default endpoint.
    address: (s) => originOf(s.baseUrl) ?? 'default',
  },
};

type ConnectionParts = { settings?: Record<string, unknown>; secrets?: Record<string, unknown> };

/**
 * Refuses keys the request sent that the kind does not have. Parsing alone dropped them, so a
 * misspelt secret (`signingSecrt`) was saved as nothing and deliveries went out unsigned. Keys
 * already stored pass (clients send back the settings they read, and an older version may have
 * stored a key this one no longer has), and so does a secret sent as null (a removal).
 */
export function assertKnownKeys(
  kind: ConnectionKind,
  sent: ConnectionParts,
  stored: ConnectionParts = {},
): void {
  const spec = KINDS[kind];
  const unknown = (part: 'settings' | 'secrets', schema: z.ZodObject) =>
    Object.entries(sent[part] ?? {})
      .filter(([key, value]) => value !== null && !Object.hasOwn(schema.shape, key))
      .filter(([key]) => !Object.hasOwn(stored[part] ?? {}, key))
      .map(([key]) => ({ path: [part, key], message: `Not a ${kind} connection ${part} field` }));
  const issues = [...unknown('settings', spec.settings), ...unknown('secrets', spec.secrets)];
  if (issues.length > 0) throw validationError(issues, 'The connection has unknown fields');
}

function parsePart(
  schema: z.ZodObject,
  value: unknown,
  prefix: 'settings' | 'secrets',
): Record<string, unknown> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Header values are sealed with the secrets but sent as the request's own `headers` field.
  const inputPath = (path: PropertyKey[]) =>
    prefix === 'secrets' && path[0] === 'headers' ? path : [prefix, ...path];
  throw validationError(
    result.error.issues.map((i) => ({
      ...i,
      path: inputPath(i.path),
      // zod's words for a missing field ("Invalid input: expected string, received undefined")
      // reach the admin under the field; the kinds' schemas carry no messages of their own.
      message:
        i.code === 'invalid_type' && /received undefined$/.test(i.message) ? 'Required' : i.message,
    })),
    `The connection's ${prefix} are not valid`,
  );
}

/**
 * A webhook signing secret is `whsec_` and the base64 of at least 16 random bytes: 22 or more
 * characters after the prefix. Said in those words, not in bytes; an empty one means deliveries
 * are not signed (nothing is generated).
 */
const WEBHOOK_SECRET_ADVICE =
  'Paste the signing secret your receiver gave you: "whsec_" and then at least 22 letters, digits, + or /. Or leave it empty to send deliveries unsigned.';

/** Where Slack's incoming webhooks live (GovSlack's on its own domain). */
const SLACK_WEBHOOK_HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com'];

/**
 * A Slack connection posts to Slack's incoming-webhook URL: any other address is a mistake (a
 * channel link, a workspace URL) that saved fine and failed at the first publish, or content
 * posted somewhere that is not Slack.
 */
function assertSlackWebhookUrl(value: unknown): void {
  const url = URL.canParse(String(value)) ? new URL(String(value)) : null;
  if (url?.protocol === 'https:' && SLACK_WEBHOOK_HOSTS.includes(url.hostname)) return;
  throw validationError(
    [
      {
        path: ['secrets', 'webhookUrl'],
        message:
          'Use the Incoming Webhook URL Slack gives for the channel: it starts with https://hooks.slack.com/',
      },
    ],
    'Not a Slack incoming-webhook URL',
  );
}

/**
 * Validates a connection's settings and secrets for its kind and checks every outbound URL
 * against the network policy, so a connection pointing at a private address is refused when it
 * is saved, not only when a run tries to use it.
 */
export function validateConnection(
  kind: ConnectionKind,
  settings: unknown,
  secrets: unknown,
  allowPrivateNetwork: boolean,
): { settings: Record<string, unknown>; secrets: Record<string, unknown> } {
  const spec = KINDS[kind];
  const parsedSettings = parsePart(spec.settings, settings, 'settings');
  const parsedSecrets = parsePart(spec.secrets, secrets, 'secrets');
  for (const [path, url] of spec.urls(parsedSettings, parsedSecrets)) {
    try {
      checkOutboundUrl(url, { allowPrivateNetwork });
    } catch (error) {
      if (!isAppError(error)) throw error;
      throw new AppError({
        code: 'URL_FORBIDDEN',
        message: error.message,
        origin: 'user',
        details: { ...error.details, issues: [{ path, message: error.message }] },
      });
    }
  }
  if (kind === 'slack') assertSlackWebhookUrl(parsedSecrets.webhookUrl);
  for (const field of ['signingSecret', 'previousSigningSecret']) {
    const secret = str(parsedSecrets[field]);
    if (kind === 'webhook' && secret) {
      try {
        webhookSecretBytes(secret);
      } catch {
        throw validationError(
          [
            {
              path: ['secrets', field],
              message: WEBHOOK_SECRET_ADVICE,
            },
          ],
          "The connection's signing secret is not valid",
        );
      }
    }
  }
  return { settings: parsedSettings, secrets: parsedSecrets };
}

/**
 * Refuses an update that moves a connection's address to another host while keeping a stored
 * password or key for it: the admin who moves it never sees the stored value, and the test
 * button (or the next run) handed it to the new host. Webhook header values have the same rule
 * in connection-headers.ts.
 */
export function assertHostSecretsReentered(
  kind: ConnectionKind,
  before: { settings: Record<string, unknown>; secrets: Record<string, unknown> },
  after: { settings: Record<string, unknown>; secrets: Record<string, unknown> },
  given: Record<string, unknown>,
): void {
  const spec = KINDS[kind];
  // Compared in parsed form (an SMTP port left out is 587); stored settings an older version
  // wrote that no longer parse are compared as they are.
  const parsed = spec.settings.safeParse(before.settings);
  const from = spec.address(parsed.success ? parsed.data : before.settings);
  if (from === spec.address(after.settings)) return;
  const issues = spec.hostSecrets
    .filter(
      (name) => str(before.secrets[name]) !== undefined && str(after.secrets[name]) !== undefined,
    )
    .filter((name) => str(given[name]) === undefined)
    .map((name) => ({
      path: ['secrets', name],
      message: 'Enter this value again: the address moved to another host',
    }));
  if (issues.length > 0) throw validationError(issues, "The connection's secrets are not valid");
}

/**
 * Refuses an LLM endpoint with neither an API key nor a base URL: with nowhere to send and
 * nothing to send with it, every AI step using it would fail. Only checked for one switched on,
 * so an endpoint saved before this rule can still be switched off. The message stands under the
 * API key field, the one an admin most often left empty.
 */
export function assertLlmEndpointUsable(
  kind: ConnectionKind,
  valid: { settings: Record<string, unknown>; secrets: Record<string, unknown> },
): void {
  if (kind !== 'llm') return;
  const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (given(valid.settings.baseUrl) || given(valid.secrets.apiKey)) return;
  throw validationError(
    [
      {
        path: ['secrets', 'apiKey'],
        message: 'Give the endpoint an API key, or the address of a model server that needs none',
      },
    ],
    'The LLM endpoint has neither an API key nor an address',
  );
}
