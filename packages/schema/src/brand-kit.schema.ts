import { z } from 'zod';
import {
  IdSchema,
  LIMITS,
  NameInputSchema,
  NameSchema,
  RevisionSchema,
  TimestampSchema,
} from './common.schema.js';

const termList = z.array(z.string().trim().min(1).max(LIMITS.name)).max(LIMITS.list);

export const PreferredTermSchema = z.strictObject({
  use: z.string().trim().min(1).max(LIMITS.name),
  insteadOf: z.string().trim().min(1).max(LIMITS.name),
});
export type PreferredTerm = z.infer<typeof PreferredTermSchema>;

export const BrandKitInputSchema = z.strictObject({
  name: NameInputSchema,
  voice: z.string().max(LIMITS.shortText),
  audience: z.string().max(LIMITS.shortText),
  preferredTerms: z.array(PreferredTermSchema).max(LIMITS.list),
  bannedPhrases: termList,
  requiredDisclaimers: termList,
  linkAllowList: z.array(z.string().trim().min(1).max(253)).max(LIMITS.list),
  examplePosts: z.array(z.string().max(LIMITS.shortText * 5)).max(50),
});
export type BrandKitInput = z.infer<typeof BrandKitInputSchema>;

export const BrandKitSchema = BrandKitInputSchema.extend({
  name: NameSchema,
  id: IdSchema,
  updatedBy: IdSchema.nullable(),
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type BrandKit = z.infer<typeof BrandKitSchema>;
