import { z } from 'zod';
import { defineNode, OUT } from '../core/define-node.js';
import type { JsonValue } from '../core/define-node.js';
import { InputFieldListSchema } from './input-fields.js';

export const triggerManualConfigSchema = z.object({
  fields: InputFieldListSchema.default([
    { name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] },
  ]).meta({
    title: 'Input form',
    description: 'What someone fills in to start a run. Each field becomes {{ input.<name> }}.',
  }),
});

export const triggerManualNode = defineNode({
  type: 'trigger.manual',
  version: 1,
  title: 'Manual start',
  description: 'Starts a run from a form in Tandem or from the API.',
  category: 'trigger',
  icon: 'play',
  configSchema: triggerManualConfigSchema,
  inputs: [],
  outputs: [OUT],
  // The engine validated the input against the fields before the run existed.
  run: (ctx) => ({ kind: 'done', output: ctx.input as JsonValue }),
});
