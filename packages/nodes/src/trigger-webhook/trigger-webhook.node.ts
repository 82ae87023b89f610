import { z } from 'zod';
import { connectionPicker, requiredUnlessFilled } from '../core/editor-hints.js';
import { defineNode, OUT } from '../core/define-node.js';
import type { JsonValue } from '../core/define-node.js';
import { InputFieldListSchema } from '../trigger-manual/input-fields.js';
import { NO_SIGNING_CONNECTION } from './webhook-address.js';

export const triggerWebhookConfigSchema = z.object({
  fields: InputFieldListSchema.default([]).meta({
    title: 'Expected fields',
    description: 'Fields the incoming JSON body must carry; each becomes {{ input.<name> }}.',
  }),
  // Optional in the schema, required by `lint`: a version published without one still loads
  // (a test run from the editor still works), but no new one can be published without it.
  connectionId: z
    .string()
    .max(64)
    .optional()
    .meta({
      ...connectionPicker('webhook'),
      title: 'Signing connection',
      description: 'A webhook connection whose secret signs incoming calls (Standard Webhooks).',
      // No sibling stands in for it: the editor flags it empty, as the publish check does.
      ...requiredUnlessFilled([], NO_SIGNING_CONNECTION),
    }),
});

export const triggerWebhookNode = defineNode({
  type: 'trigger.webhook',
  version: 1,
  title: 'Webhook start',
  description: 'Starts a run when another system sends a signed HTTP request.',
  category: 'trigger',
  icon: 'webhook',
  configSchema: triggerWebhookConfigSchema,
  inputs: [],
  outputs: [OUT],
  // Unsigned calls are refused (the signature is the caller's only credential), so a webhook
  // start without a signing connection would publish a flow that refuses every call.
  lint: (config) =>
    config.connectionId?.trim() ? [] : [{ path: ['connectionId'], message: NO_SIGNING_CONNECTION }],
  run: (ctx) => ({ kind: 'done', output: ctx.input as JsonValue }),
});
