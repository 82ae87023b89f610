import { z } from 'zod';
import { connectionPicker } from '../core/editor-hints.js';
import { defineNode, OUT } from '../core/define-node.js';
import type { JsonValue } from '../core/define-node.js';
import { InputFieldListSchema } from '../trigger-manual/input-fields.js';

export const triggerWebhookConfigSchema = z.object({
  fields: InputFieldListSchema.default([]).meta({
    title: 'Expected fields',
    description: 'Fields the incoming JSON body must carry; each becomes {{ input.<name> }}.',
  }),
  connectionId: z
    .string()
    .max(64)
    .optional()
    .meta({
      ...connectionPicker('webhook'),
      title: 'Signing connection',
      description: 'A webhook connection whose secret signs incoming calls (Standard Webhooks).',
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
  run: (ctx) => ({ kind: 'done', output: ctx.input as JsonValue }),
});
