import { z } from 'zod';
import { defineNode, IN, OUT } from '../core/define-node.js';
import { templateProblem } from '../core/template.js';
import {
  PUBLISH_OUTPUT_FIELDS,
  publishableContent,
  publishScope,
  renderOptional,
  sendContent,
} from '../core/publish-content.js';

export const LIBRARY_COLLECTION_MAX = 80;

export const publishLibraryConfigSchema = z.object({
  collection: z.string().trim().max(LIBRARY_COLLECTION_MAX).default('').meta({
    title: 'Collection',
    description:
      'A name to group it under in the library, such as “Blog posts”. Leave empty for none.',
  }),
  titleTemplate: z.string().max(2_000).default('').meta({
    title: 'Title',
    description:
      'Template, e.g. {{ input.topic }}. Leave empty to use the first line of the approved content.',
  }),
});

/**
 * Keeps the approved content in Tandem's content library: the destination that needs no
 * account elsewhere. Teams copy or download it from there, and a flow can start with it before
 * its CMS or mail connection is set up. It is a publication like any other (idempotency key,
 * approved-content check), so the library holds what a human approved, exactly once.
 */
export const publishLibraryNode = defineNode({
  type: 'publish.library',
  version: 1,
  title: 'Save to content library',
  description:
    'Keeps the approved content in Tandem’s content library, to copy or download. Needs no account elsewhere.',
  category: 'publish',
  icon: 'library',
  configSchema: publishLibraryConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: PUBLISH_OUTPUT_FIELDS,
  lint(config) {
    const error = templateProblem(config.titleTemplate);
    return error ? [{ path: ['titleTemplate'], message: `Template error: ${error}` }] : [];
  },
  async run(ctx) {
    const content = publishableContent(ctx);
    const title = ctx.config.titleTemplate
      ? renderOptional(ctx.config.titleTemplate, publishScope(ctx, content), 'titleTemplate')
      : undefined;
    // The library says which entries no checkpoint passed (a flow may save an AI draft as is).
    const source = ctx.upstream.find((step) => step.nodeId === content.sourceNodeId);
    const reviewed = source?.type === 'human.review';
    return sendContent(ctx, {
      channel: 'library',
      config: { ...ctx.config, reviewed },
      content,
      ...(title?.trim() ? { title: title.trim() } : {}),
    });
  },
});
