import { z } from 'zod';
import { AppError, PreferredTermSchema } from '@tandem/schema';
import { defineNode, IN, OUT } from '../core/define-node.js';
import { CHECK_OUTPUT_FIELDS, findContent, isBlockingFlag } from '../core/content.js';
import { checkBrandRules, flagScore } from './brand-rules.js';

export const DEFAULT_CLAIMS = [
  'guaranteed',
  'guarantee',
  '#1',
  'number one',
  'best',
  'best-in-class',
  '100%',
  'risk-free',
  'never fails',
  'world-class',
];

const term = z.string().trim().min(1).max(200);

export const checkBrandConfigSchema = z.object({
  sourceNodeId: z.string().max(64).optional().meta({
    title: 'Content to check',
    description: 'The step whose text is checked; empty means the nearest AI step before this one.',
  }),
  bannedPhrases: z.array(term).max(500).default([]).meta({
    title: 'Extra banned phrases',
    description: 'Added to the brand kit’s banned phrases.',
  }),
  preferredTerms: z.array(PreferredTermSchema).max(500).default([]).meta({
    title: 'Extra preferred terms',
  }),
  requireDisclaimers: z.boolean().default(true).meta({
    title: 'Require the brand’s disclaimers',
  }),
  disclaimer: z.string().trim().max(2_000).optional().meta({
    title: 'Extra required disclaimer',
  }),
  minWords: z.number().int().min(0).max(100_000).optional().meta({ title: 'Minimum words' }),
  maxWords: z.number().int().min(1).max(100_000).optional().meta({ title: 'Maximum words' }),
  maxCharacters: z.number().int().min(1).max(100_000).optional().meta({
    title: 'Maximum characters',
    description: 'E.g. 280 for a short social post.',
  }),
  flagClaims: z.boolean().default(true).meta({
    title: 'Flag unsupported claims',
    description: 'Superlatives and promises such as “guaranteed”, “#1”, “best”.',
  }),
  claims: z.array(term).max(200).default(DEFAULT_CLAIMS).meta({ title: 'Claims to flag' }),
  allowedLinkDomains: z.array(term).max(500).default([]).meta({
    title: 'Extra allowed link domains',
    description: 'Added to the brand kit’s allow-list; links elsewhere are flagged.',
  }),
  flagContactDetails: z.boolean().default(true).meta({
    title: 'Flag email addresses and phone numbers',
  }),
});
export type CheckBrandConfig = z.output<typeof checkBrandConfigSchema>;

export const checkBrandNode = defineNode({
  type: 'check.brand',
  version: 1,
  title: 'Brand check',
  description:
    'Checks text against the brand kit: banned and preferred terms, disclaimers, claims, links, contact details.',
  category: 'check',
  inline: true,
  icon: 'shield-check',
  configSchema: checkBrandConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: CHECK_OUTPUT_FIELDS,
  lint(config) {
    if (
      config.minWords !== undefined &&
      config.maxWords !== undefined &&
      config.minWords > config.maxWords
    ) {
      return [{ path: ['minWords'], message: 'Minimum words is above the maximum' }];
    }
    return [];
  },
  run(ctx) {
    const { config } = ctx;
    const content = findContent(ctx, {
      ...(config.sourceNodeId ? { nodeId: config.sourceNodeId } : {}),
      types: ['ai.generate', 'human.review', 'trigger.manual', 'trigger.webhook'],
    });
    if (!content) {
      throw new AppError({
        code: 'CONFIG_INVALID',
        origin: 'user',
        message: 'There is no text before this check to check; connect it after an AI step.',
      });
    }
    const brand = ctx.brand;
    const flags = checkBrandRules(content.text, {
      bannedPhrases: [...(brand?.bannedPhrases ?? []), ...config.bannedPhrases],
      preferredTerms: [...(brand?.preferredTerms ?? []), ...config.preferredTerms],
      requiredDisclaimers: [
        ...(config.requireDisclaimers ? (brand?.requiredDisclaimers ?? []) : []),
        ...(config.disclaimer ? [config.disclaimer] : []),
      ],
      ...(config.minWords !== undefined ? { minWords: config.minWords } : {}),
      ...(config.maxWords !== undefined ? { maxWords: config.maxWords } : {}),
      ...(config.maxCharacters !== undefined ? { maxCharacters: config.maxCharacters } : {}),
      claims: config.flagClaims ? config.claims : [],
      linkAllowList: [...(brand?.linkAllowList ?? []), ...config.allowedLinkDomains],
      contactDetails: config.flagContactDetails,
    });
    return {
      kind: 'done',
      output: {
        passed: !flags.some(isBlockingFlag),
        flags,
        score: flagScore(flags),
        checkedNodeId: content.nodeId,
      },
    };
  },
});
