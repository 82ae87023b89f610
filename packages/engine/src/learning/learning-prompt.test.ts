import { describe, expect, it } from 'vitest';
import {
  buildLearningPrompt,
  type PromptBrandKit,
  type PromptSuggestion,
} from './learning-prompt.js';
import { mineCorrections } from './corrections.js';
import { selectFewShotExamples } from './few-shot.js';
import { wrapUntrusted } from './untrusted.js';
import { feedback } from './testing/feedback-fixture.js';

const kit: PromptBrandKit = {
  name: 'Acme',
  voice: 'Warm, plain, confident.',
  audience: 'Marketing leads at mid-size companies.',
  preferredTerms: [{ use: 'customers', insteadOf: 'users' }],
  bannedPhrases: ['synergy'],
  requiredDisclaimers: ['Terms apply.'],
  linkAllowList: ['acme.com'],
  examplePosts: ['Our spring update is here.'],
};

describe('buildLearningPrompt', () => {
  it('writes the brand kit, accepted rules and notes in fixed shapes', () => {
    const suggestions: PromptSuggestion[] = [
      {
        kind: 'preferred_term',
        use: 'use',
        insteadOf: 'utilize',
        phrase: null,
        note: null,
        status: 'accepted',
      },
      {
        kind: 'banned_phrase',
        use: null,
        insteadOf: null,
        phrase: 'world-class',
        note: null,
        status: 'accepted',
      },
      {
        kind: 'prompt_note',
        use: null,
        insteadOf: null,
        phrase: null,
        note: 'Keep it under 120 words.',
        status: 'accepted',
      },
      {
        kind: 'banned_phrase',
        use: null,
        insteadOf: null,
        phrase: 'dismissed one',
        note: null,
        status: 'dismissed',
      },
      // Duplicates the kit's rule: written once.
      {
        kind: 'preferred_term',
        use: 'Customers',
        insteadOf: 'Users',
        phrase: null,
        note: null,
        status: 'accepted',
      },
    ];
    const prompt = buildLearningPrompt({
      examples: [],
      acceptedSuggestions: suggestions,
      brandKit: kit,
    });
    expect(prompt.rules).toBe(
      [
        '## Brand: Acme',
        'Voice and tone: Warm, plain, confident.',
        'Audience: Marketing leads at mid-size companies.',
        '',
        '## Rules',
        '- Write "customers", not "users".',
        '- Write "use", not "utilize".',
        '- Never write "synergy".',
        '- Never write "world-class".',
        '- Always include: "Terms apply."',
        '- Only link to these domains: acme.com.',
        '',
        "## Notes from the team's reviews",
        '- Keep it under 120 words.',
      ].join('\n'),
    );
    expect(prompt.text).not.toContain('dismissed one');
  });

  it('labels approved examples and fences them as data, brand examples filling in', () => {
    const examples = selectFewShotExamples(
      [feedback({ original: 'Draft.', final: 'Approved after an edit.' })],
      { k: 3 },
    );
    const prompt = buildLearningPrompt({ examples, acceptedSuggestions: [], brandKit: kit });
    expect(prompt.examples).toContain('## Examples the team approved');
    expect(prompt.examples).toContain(
      wrapUntrusted('approved example 1 (edited by a reviewer)', 'Approved after an edit.'),
    );
    expect(prompt.examples).toContain(
      wrapUntrusted('brand kit example 1', 'Our spring update is here.'),
    );
    expect(prompt.text).toBe(`${prompt.rules}\n\n${prompt.examples}`);
  });

  it('is empty when there is nothing to learn from', () => {
    expect(buildLearningPrompt({ examples: [], acceptedSuggestions: [], brandKit: null })).toEqual({
      rules: '',
      examples: '',
      text: '',
    });
  });

  it('accepting a mined proposal changes the next prompt', () => {
    const history = [1, 2, 3].map((i) =>
      feedback({ original: `We utilize tool ${i}.`, final: `We use tool ${i}.` }),
    );
    const [proposal] = mineCorrections(history, { minOccurrences: 3 });
    expect(proposal).toMatchObject({ kind: 'preferred_term', use: 'use', insteadOf: 'utilize' });
    const proposed: PromptSuggestion = { ...proposal!, status: 'proposed' };
    const before = buildLearningPrompt({
      examples: [],
      acceptedSuggestions: [proposed],
      brandKit: null,
    });
    const after = buildLearningPrompt({
      examples: [],
      acceptedSuggestions: [{ ...proposed, status: 'accepted' }],
      brandKit: null,
    });
    expect(before.text).toBe('');
    expect(after.text).toBe('## Rules\n- Write "use", not "utilize".');
  });
});
