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

const label = z.string().trim().min(1).max(200);

export const publishWordpressConfigSchema = z.object({
  connectionId: z
    .string()
    .trim()
    .min(1, 'Choose a WordPress connection')
    .max(64)
    .meta({
      ...connectionPicker('wordpress'),
      title: 'WordPress connection',
      description: 'Site URL, user and application password.',
    }),
  status: z
    .enum(['draft', 'publish'])
    .default('draft')
    .meta({
      title: 'Post status',
      description: '“Draft” leaves the last click to an editor in WordPress.',
      ...optionLabels({ draft: 'Draft', publish: 'Published' }),
    }),
  titleTemplate: z.string().trim().min(1).max(500).default('{{ input.topic }}').meta({
    title: 'Title',
  }),
  excerptTemplate: z.string().max(2_000).optional().meta({ title: 'Excerpt' }),
  categories: z.array(label).max(50).default([]).meta({ title: 'Categories' }),
  tags: z.array(label).max(100).default([]).meta({ title: 'Tags' }),
});

export const publishWordpressNode = defineNode({
  type: 'publish.wordpress',
  version: 1,
  title: 'Publish to WordPress',
  description: 'Creates a WordPress post (draft or published) with the approved content.',
  category: 'publish',
  icon: 'globe',
  configSchema: publishWordpressConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: PUBLISH_OUTPUT_FIELDS,
  lint(config) {
    const problems: { path: (string | number)[]; message: string }[] = [];
    const titleError = templateProblem(config.titleTemplate);
    if (titleError)
      problems.push({ path: ['titleTemplate'], message: `Template error: ${titleError}` });
    const excerptError = config.excerptTemplate ? templateProblem(config.excerptTemplate) : null;
    if (excerptError)
      problems.push({ path: ['excerptTemplate'], message: `Template error: ${excerptError}` });
    return problems;
  },
  async run(ctx) {
    const content = publishableContent(ctx);
    const scope = publishScope(ctx, content);
    const title = renderOptional(ctx.config.titleTemplate, scope, 'titleTemplate');
    const body = renderOptional(ctx.config.excerptTemplate, scope, 'excerptTemplate', true);
    return sendContent(ctx, {
      channel: 'wordpress',
      config: ctx.config,
      content,
      ...(title !== undefined ? { title } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  },
});
