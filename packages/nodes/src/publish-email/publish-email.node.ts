import { z } from 'zod';
import { connectionPicker, optionLabels } from '../core/editor-hints.js';
import { defineNode, IN, OUT } from '../core/define-node.js';
import { templateProblem } from '../core/template.js';
import {
  PUBLISH_OUTPUT_FIELDS,
  publishableContent,
  publishScope,
  renderOptional,
  sendContent,
} from '../core/publish-content.js';

const email = z.email('Enter an email address').max(254);

export const publishEmailConfigSchema = z.object({
  connectionId: z
    .string()
    .trim()
    .min(1, 'Choose an SMTP connection')
    .max(64)
    .meta({
      ...connectionPicker('smtp'),
      title: 'SMTP connection',
    }),
  to: z.array(email).min(1, 'Add at least one recipient').max(50).meta({
    title: 'To',
    description: 'Fixed recipients: nothing in the content can change them.',
  }),
  cc: z.array(email).max(50).default([]).meta({ title: 'Cc' }),
  subject: z.string().trim().min(1).max(500).default('{{ input.topic }}').meta({
    title: 'Subject',
    description: 'Template, e.g. “Newsletter: {{ input.topic }}”.',
  }),
  format: z
    .enum(['html', 'text'])
    .default('html')
    .meta({ title: 'Format', ...optionLabels({ html: 'HTML (formatted)', text: 'Plain text' }) }),
  bodyTemplate: z.string().max(100_000).optional().meta({
    title: 'Body template',
    description: 'Leave empty to send the approved text. Values are HTML-escaped.',
  }),
});

export const publishEmailNode = defineNode({
  type: 'publish.email',
  version: 1,
  title: 'Send email',
  description: 'Emails the approved content to fixed recipients over SMTP.',
  category: 'publish',
  icon: 'mail',
  configSchema: publishEmailConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: PUBLISH_OUTPUT_FIELDS,
  lint(config) {
    const problems: { path: (string | number)[]; message: string }[] = [];
    const subjectError = templateProblem(config.subject);
    if (subjectError)
      problems.push({ path: ['subject'], message: `Template error: ${subjectError}` });
    const bodyError = config.bodyTemplate ? templateProblem(config.bodyTemplate) : null;
    if (bodyError)
      problems.push({ path: ['bodyTemplate'], message: `Template error: ${bodyError}` });
    return problems;
  },
  async run(ctx) {
    const content = publishableContent(ctx);
    const scope = publishScope(ctx, content);
    const title = renderOptional(ctx.config.subject, scope, 'subject');
    const body = renderOptional(
      ctx.config.bodyTemplate,
      scope,
      'bodyTemplate',
      ctx.config.format === 'html',
    );
    return sendContent(ctx, {
      channel: 'email',
      config: ctx.config,
      content,
      ...(title !== undefined ? { title } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  },
});
