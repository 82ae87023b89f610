import { z } from 'zod';
import { connectionPicker } from '../core/editor-hints.js';
import { defineNode, IN, OUT } from '../core/define-node.js';
import { templateProblem } from '../core/template.js';
import {
  PUBLISH_OUTPUT_FIELDS,
  publishableContent,
  publishScope,
  renderOptional,
  sendContent,
} from '../core/publish-content.js';

export const publishSlackConfigSchema = z.object({
  connectionId: z
    .string()
    .trim()
    .min(1, 'Choose a Slack connection')
    .max(64)
    .meta({
      ...connectionPicker('slack'),
      title: 'Slack connection',
      description: 'A saved Slack incoming webhook.',
    }),
  textTemplate: z.string().max(40_000).default('{{ content.text }}').meta({
    title: 'Message',
    description: 'Template; {{ content.text }} is the approved content.',
  }),
});

export const publishSlackNode = defineNode({
  type: 'publish.slack',
  version: 1,
  title: 'Post to Slack',
  description: 'Posts the approved content to a Slack channel through an incoming webhook.',
  category: 'publish',
  icon: 'message-square',
  configSchema: publishSlackConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: PUBLISH_OUTPUT_FIELDS,
  lint(config) {
    const error = templateProblem(config.textTemplate);
    return error ? [{ path: ['textTemplate'], message: `Template error: ${error}` }] : [];
  },
  async run(ctx) {
    const content = publishableContent(ctx);
    const body = renderOptional(
      ctx.config.textTemplate,
      publishScope(ctx, content),
      'textTemplate',
    );
    return sendContent(ctx, {
      channel: 'slack',
      config: ctx.config,
      content,
      ...(body !== undefined ? { body } : {}),
    });
  },
});
