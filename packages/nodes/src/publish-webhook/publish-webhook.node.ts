import { z } from 'zod';
import { AppError, reservedExampleTld } from '@tandem/schema';
import {
  advanced,
  connectionPicker,
  jsonTemplate,
  requiredUnlessFilled,
} from '../core/editor-hints.js';
import { defineNode, IN, OUT } from '../core/define-node.js';
import { templateProblem } from '../core/template.js';
import { maskAddress } from '../core/mask-address.js';
import {
  PUBLISH_OUTPUT_FIELDS,
  publishableContent,
  publishScope,
  renderOptional,
  sendContent,
} from '../core/publish-content.js';

/** Headers the connector sets itself (signature, idempotency, framing); designers may not. */
const RESERVED_HEADERS =
  /^(host|content-length|transfer-encoding|connection|idempotency-key|webhook-.*)$/i;
/**
 * Headers that carry credentials. A step's settings are plain flow data, stored unencrypted and
 * shown as saved to everyone who may change the flow; a webhook connection keeps its header
 * values encrypted and never shows them, so credentials go there.
 */
const CREDENTIAL_HEADERS = /authorization|cookie|token|secret|passw(or)?d|api-?key|(^|-)auth(-|$)/i;

/** What readers see instead of a header's value. */
export const HIDDEN_HEADER_VALUE = '(hidden)';
/** What readers see instead of a custom body: still valid JSON, so no editor warns about it. */
export const HIDDEN_BODY_TEMPLATE = `"${HIDDEN_HEADER_VALUE}"`;

/**
 * Header values hidden whatever their name: the lint catches credential names only, and a
 * flow saved before it (or a draft now) may hold one in plain flow data under any name. A draft
 * may hold anything there: only a header's name (when it is text) is kept.
 */
function hideHeaderValues(headers: unknown): unknown {
  if (!Array.isArray(headers)) return HIDDEN_HEADER_VALUE;
  return headers.map((header: unknown) => {
    const { name } = (typeof header === 'object' && header !== null ? header : {}) as {
      name?: unknown;
    };
    return typeof name === 'string'
      ? { name, value: HIDDEN_HEADER_VALUE }
      : { name: HIDDEN_HEADER_VALUE, value: HIDDEN_HEADER_VALUE };
  });
}

/**
 * The step's settings for people who cannot change the flow (reviewers, managers): header
 * values and a custom body hidden (some receivers take their key in a header or the body, and
 * designers paste it there), and the address cut after its first path segment (a hook URL's
 * path or query may be its token).
 */
function webhookConfigForReaders(config: Record<string, unknown>): Record<string, unknown> {
  const { url, headers, bodyTemplate } = config;
  return {
    ...config,
    ...(typeof url === 'string' && url !== '' ? { url: maskAddress(url) } : {}),
    ...(headers !== undefined ? { headers: hideHeaderValues(headers) } : {}),
    ...(bodyTemplate !== undefined && bodyTemplate !== ''
      ? { bodyTemplate: HIDDEN_BODY_TEMPLATE }
      : {}),
  };
}

const NO_TARGET = 'Enter a URL or choose a webhook connection';

/**
 * Why the address can never be reached, when its host is an example name: caught as the
 * designer types and when the flow is published, rather than at a run's send.
 */
function placeholderHost(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const tld = reservedExampleTld(host);
  return tld
    ? `${host} is an example address (.${tld} never exists): put the real address here`
    : null;
}

export const publishWebhookConfigSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'Enter an http(s) address' })
    .max(2_000)
    .optional()
    .meta({
      title: 'URL',
      description: 'Where to send it. Or pick a saved webhook connection instead.',
      ...requiredUnlessFilled(['connectionId'], NO_TARGET),
    }),
  connectionId: z
    .string()
    .max(64)
    .optional()
    .meta({
      ...connectionPicker('webhook'),
      title: 'Webhook connection',
      description: 'A saved connection with the URL and signing secret.',
    }),
  method: z
    .enum(['POST', 'PUT'])
    .default('POST')
    .meta({ title: 'Method', ...advanced }),
  headers: z
    .array(
      z
        .object({
          name: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9-]{1,100}$/, 'Letters, digits and "-" only'),
          value: z.string().max(2_000),
        })
        .meta({ title: 'Header' }),
    )
    .max(30)
    .default([])
    .meta({
      title: 'Extra headers',
      description:
        'Plain headers such as X-Source. Keys and tokens belong in a webhook connection, which keeps them encrypted.',
      ...advanced,
    }),
  bodyTemplate: z
    .string()
    .max(50_000)
    .optional()
    .meta({
      title: 'Body (JSON template)',
      description:
        'Leave empty for the default body. Use {{ content.text | json }}, {{ run.id }}, {{ input.<field> | json }}.',
      ...jsonTemplate,
    }),
});

export const publishWebhookNode = defineNode({
  type: 'publish.webhook',
  version: 1,
  title: 'Send to webhook',
  description: 'POSTs the approved content as signed JSON to another system.',
  category: 'publish',
  icon: 'send',
  configSchema: publishWebhookConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: PUBLISH_OUTPUT_FIELDS,
  lint(config) {
    const problems: { path: (string | number)[]; message: string }[] = [];
    if (!config.url && !config.connectionId) {
      problems.push({ path: ['url'], message: NO_TARGET });
    }
    const placeholder = config.url ? placeholderHost(config.url) : null;
    if (placeholder) problems.push({ path: ['url'], message: placeholder });
    config.headers.forEach((header, i) => {
      if (RESERVED_HEADERS.test(header.name)) {
        problems.push({
          path: ['headers', i, 'name'],
          message: `"${header.name}" is set by Tandem`,
        });
      } else if (CREDENTIAL_HEADERS.test(header.name)) {
        problems.push({
          path: ['headers', i, 'name'],
          message: `"${header.name}" carries a credential: add it to a webhook connection, which keeps it encrypted, and pick that connection here`,
        });
      }
    });
    const bodyError = config.bodyTemplate ? templateProblem(config.bodyTemplate) : null;
    if (bodyError)
      problems.push({ path: ['bodyTemplate'], message: `Template error: ${bodyError}` });
    return problems;
  },
  forReaders: webhookConfigForReaders,
  async run(ctx) {
    const content = publishableContent(ctx);
    const body = renderOptional(
      ctx.config.bodyTemplate,
      publishScope(ctx, content),
      'bodyTemplate',
    );
    if (body !== undefined) {
      try {
        JSON.parse(body);
      } catch {
        throw new AppError({
          code: 'CONFIG_INVALID',
          origin: 'user',
          message: 'The body template does not produce valid JSON; use the | json filter on values',
          details: { field: 'bodyTemplate' },
        });
      }
    }
    return sendContent(ctx, {
      channel: 'webhook',
      config: ctx.config,
      content,
      ...(body !== undefined ? { body } : {}),
    });
  },
});
