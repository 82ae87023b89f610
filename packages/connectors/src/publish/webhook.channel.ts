import { AppError } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';
import { maskSecret } from '../crypto/mask.js';
import { redactUrl } from '../http/outbound-url.js';
import type { ChannelDeps, ChannelHandler } from './channel.js';
import {
  configInvalid,
  loadConnection,
  parseOrThrow,
  secretValues,
  type ResolvedConnection,
} from './connection.js';
import { attemptFailure, httpFailure, success, type AttemptMeta } from './outcome.js';
import {
  WebhookConnectionSecretsSchema,
  WebhookConnectionSettingsSchema,
  WebhookPublishConfigSchema,
} from './publish-config.schema.js';
import { signWebhook, webhookIdFor } from './webhook-signing.js';

/** Headers the connector owns; a custom header may not override them. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'idempotency-key',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

export function defaultWebhookBody(request: PublishRequest): string {
  const { text, title, data } = request.content;
  return JSON.stringify({
    type: 'tandem.publication',
    key: request.key,
    runId: request.runId,
    flowId: request.flowId,
    nodeId: request.nodeId,
    contentHash: request.contentHash,
    content: {
      text,
      ...(title !== undefined ? { title } : {}),
      ...(data !== undefined ? { data } : {}),
    },
  });
}

const normalized = (url: unknown): string | null => {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
};

/**
 * Why a step's own URL may not be used with its webhook connection, or null when it may. The
 * connection's header values and signing secret are an admin's, entered for the connection's
 * address; the step's URL is a designer's. Sent elsewhere, they reached whoever the designer
 * pointed the step at (with a signature over a body the designer chose), or any other endpoint
 * of the receiver's API, called with the admin's key. So the step may only repeat the address.
 */
export function webhookUrlProblem(stepUrl: unknown, connectionUrl: unknown): string | null {
  if (typeof stepUrl !== 'string' || stepUrl === '') return null;
  const connectionAddress = normalized(connectionUrl);
  if (connectionAddress !== null && normalized(stepUrl) === connectionAddress) return null;
  return "A step that uses a webhook connection sends to the connection's address; clear the URL or choose no connection";
}

/** The node's rendered body template when it has one, else the default body. */
function webhookBody(request: PublishRequest): string {
  const rendered = request.content.body;
  if (rendered === undefined || rendered.trim() === '') return defaultWebhookBody(request);
  try {
    // Re-serialised so the bytes signed are exactly the bytes sent, in canonical form.
    return JSON.stringify(JSON.parse(rendered));
  } catch {
    throw new AppError({
      code: 'CONFIG_INVALID',
      origin: 'user',
      message: 'The body template must render to JSON (use the `json` filter for values)',
      details: { issues: [{ path: ['bodyTemplate'], message: 'Does not render to valid JSON' }] },
    });
  }
}

function customHeaders(...sources: Record<string, string>[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    }
  }
  return headers;
}

/** Headers recorded as sent; custom header values may hold API keys and are masked. */
const SHOWN_HEADERS = new Set([
  'content-type',
  'idempotency-key',
  'webhook-id',
  'webhook-timestamp',
]);

function recordedHeaders(headers: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'webhook-signature') continue;
    shown[name] = SHOWN_HEADERS.has(name) ? value : maskSecret(value);
  }
  return shown;
}

/** A webhook request checked and rendered as it would be sent, and what its attempt records. */
export async function prepareWebhook(request: PublishRequest, deps: ChannelDeps) {
  const config = parseOrThrow(WebhookPublishConfigSchema, request.config, 'Webhook settings', []);
  let connection: ResolvedConnection | null = null;
  let connectionHeaders: Record<string, string> = {};
  let signingSecrets: string[] = [];
  if (config.connectionId) {
    connection = await loadConnection(deps.resolveConnection, config.connectionId, 'webhook');
    const settings = parseOrThrow(
      WebhookConnectionSettingsSchema,
      connection.settings,
      'Webhook connection',
      ['settings'],
    );
    const secrets = parseOrThrow(
      WebhookConnectionSecretsSchema,
      connection.secrets,
      'Webhook connection',
      ['secrets'],
    );
    connectionHeaders = secrets.headers ?? {};
    signingSecrets = [secrets.signingSecret, secrets.previousSigningSecret].filter(
      (s): s is string => typeof s === 'string' && s !== '',
    );
    const problem = webhookUrlProblem(config.url, settings.url);
    if (problem)
      throw configInvalid('Webhook settings are not valid', [{ path: ['url'], message: problem }]);
    config.url ??= settings.url;
  }
  const url = config.url as string;
  const body = webhookBody(request);
  const id = webhookIdFor(request.key);
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  const custom = customHeaders(connectionHeaders, config.headers);
  const headers: Record<string, string> = {
    ...custom,
    'content-type': 'application/json',
    'idempotency-key': request.key,
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
  };
  if (signingSecrets.length > 0) {
    headers['webhook-signature'] = signWebhook(id, timestamp, body, signingSecrets);
  }
  const meta: AttemptMeta = {
    target: redactUrl(url),
    request: {
      method: config.method,
      url: redactUrl(url),
      headers: recordedHeaders(headers),
      body,
    },
    // Header values, the connection's (among its secrets) as much as the node's, are where API
    // keys go.
    secrets: [...secretValues(connection), ...Object.values(config.headers)],
    ...(connection ? { connectionId: connection.id } : {}),
  };
  return { method: config.method, url, headers, body, custom, meta };
}

export const publishWebhook: ChannelHandler = async (request, deps) => {
  const { method, url, headers, body, custom, meta } = await prepareWebhook(request, deps);
  const started = Date.now();
  let response;
  try {
    response = await deps.http.request({
      method,
      url,
      headers,
      body,
      signal: request.signal,
      onOversize: 'truncate',
      // Custom header values are API keys for this receiver, not for wherever it redirects.
      originBoundHeaders: Object.keys(custom),
    });
  } catch (error) {
    throw attemptFailure(error, meta, Date.now() - started);
  }
  if (response.status < 200 || response.status >= 300) {
    throw httpFailure(response, meta, deps.clock.now(), 'The webhook receiver');
  }
  return success(response, meta, response.headers['x-request-id']);
};
