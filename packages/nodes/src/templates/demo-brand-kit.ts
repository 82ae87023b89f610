import type { BrandKitInput } from '@tandem/schema';

/** The brand kit the demo seeds, so checks and prompts have something real to work with. */
export const demoBrandKit: BrandKitInput = {
  name: 'Lumen Analytics',
  voice:
    'Clear, warm and confident. Short sentences, active voice, no hype. We explain, we do not shout.',
  audience: 'Marketing leads at mid-sized companies who want results they can measure.',
  preferredTerms: [
    { use: 'use', insteadOf: 'utilize' },
    { use: 'help', insteadOf: 'facilitate' },
    { use: 'customers', insteadOf: 'users' },
  ],
  bannedPhrases: ['synergy', 'game-changer', 'revolutionary', 'world-class'],
  requiredDisclaimers: [],
  linkAllowList: ['lumen-analytics.example', 'docs.lumen-analytics.example'],
  examplePosts: [
    'Most dashboards tell you what happened. Ours tell you what to do next: three changes, ranked by the revenue they are likely to move.',
  ],
};
