import type { BrandKit, Suggestion } from '@tandem/schema';
import type { FewShotExample } from './few-shot.js';
import { suggestionKey } from './corrections.js';
import { wrapUntrusted } from './untrusted.js';

/*
 * The text an AI step adds to its prompt so it writes the way the team approves: the brand kit
 * (voice, audience, terms, banned phrases, disclaimers, allowed links), the rules and notes
 * managers accepted from mined corrections, and approved examples. Rules are written in fixed
 * sentence shapes ('Write "use", not "utilize".', 'Never write "x".', 'Always include: "x"')
 * that the offline provider also reads. Examples are fenced as untrusted data: approved text
 * can still carry words from an untrusted brief.
 */

export type PromptSuggestion = Pick<
  Suggestion,
  'kind' | 'use' | 'insteadOf' | 'phrase' | 'note' | 'status'
>;

export type PromptBrandKit = Pick<
  BrandKit,
  | 'name'
  | 'voice'
  | 'audience'
  | 'preferredTerms'
  | 'bannedPhrases'
  | 'requiredDisclaimers'
  | 'linkAllowList'
  | 'examplePosts'
>;

export interface LearningPromptInput {
  /** From selectFewShotExamples. */
  examples: readonly FewShotExample[];
  /** Suggestions for this step; only `accepted` ones are used. */
  acceptedSuggestions: readonly PromptSuggestion[];
  /** Null when the node injects no brand kit (or there is none). */
  brandKit: PromptBrandKit | null;
  /** Brand-kit example posts used when the team has approved fewer than this many. Default 2. */
  brandExamples?: number;
}

export interface LearningPrompt {
  /** Brand kit and accepted rules/notes: append to the system prompt. */
  rules: string;
  /** Approved examples: append to the user prompt, after the task. */
  examples: string;
  /** Both, for a node that builds a single prompt. */
  text: string;
}

function quote(text: string): string {
  return `"${text.replace(/\s+/g, ' ').replace(/"/g, "'").trim()}"`;
}

function rulesBlock(input: LearningPromptInput): string {
  const kit = input.brandKit;
  const accepted = input.acceptedSuggestions.filter((s) => s.status === 'accepted');
  const sections: string[] = [];
  if (kit) {
    const lines = [`## Brand: ${kit.name}`];
    if (kit.voice.trim()) lines.push(`Voice and tone: ${kit.voice.trim()}`);
    if (kit.audience.trim()) lines.push(`Audience: ${kit.audience.trim()}`);
    sections.push(lines.join('\n'));
  }

  const rules: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, line: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    rules.push(`- ${line}`);
  };
  const term = (use: string, insteadOf: string): void =>
    add(
      suggestionKey({ kind: 'preferred_term', use, insteadOf, phrase: null, note: null }),
      `Write ${quote(use)}, not ${quote(insteadOf)}.`,
    );
  const banned = (phrase: string): void =>
    add(
      suggestionKey({ kind: 'banned_phrase', phrase, use: null, insteadOf: null, note: null }),
      `Never write ${quote(phrase)}.`,
    );
  for (const p of kit?.preferredTerms ?? []) term(p.use, p.insteadOf);
  for (const s of accepted)
    if (s.kind === 'preferred_term' && s.use && s.insteadOf) term(s.use, s.insteadOf);
  for (const phrase of kit?.bannedPhrases ?? []) banned(phrase);
  for (const s of accepted) if (s.kind === 'banned_phrase' && s.phrase) banned(s.phrase);
  for (const d of kit?.requiredDisclaimers ?? [])
    add(`disclaimer:${d}`, `Always include: ${quote(d)}`);
  if (kit?.linkAllowList.length) {
    add('links', `Only link to these domains: ${kit.linkAllowList.join(', ')}.`);
  }
  if (rules.length) sections.push(['## Rules', ...rules].join('\n'));

  const notes = accepted
    .filter((s) => s.kind === 'prompt_note' && s.note?.trim())
    .map((s) => `- ${s.note!.replace(/\s+/g, ' ').trim()}`);
  if (notes.length) {
    sections.push(["## Notes from the team's reviews", ...new Set(notes)].join('\n'));
  }
  return sections.join('\n\n');
}

function examplesBlock(input: LearningPromptInput): string {
  const blocks = input.examples.map((e, i) =>
    wrapUntrusted(`approved example ${i + 1}${e.edited ? ' (edited by a reviewer)' : ''}`, e.text),
  );
  const wanted = input.brandExamples ?? 2;
  const posts = (input.brandKit?.examplePosts ?? []).filter((p) => p.trim());
  for (let i = 0; blocks.length < wanted && i < posts.length; i++) {
    blocks.push(wrapUntrusted(`brand kit example ${i + 1}`, posts[i]!));
  }
  if (!blocks.length) return '';
  return [
    '## Examples the team approved',
    'Reviewers approved these earlier outputs. Match their tone, structure and length; ' +
      'do not copy their facts, names or numbers.',
    ...blocks,
  ].join('\n\n');
}

/** Builds the prompt additions; empty strings when there is nothing to add. */
export function buildLearningPrompt(input: LearningPromptInput): LearningPrompt {
  const rules = rulesBlock(input);
  const examples = examplesBlock(input);
  return { rules, examples, text: [rules, examples].filter(Boolean).join('\n\n') };
}
