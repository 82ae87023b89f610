import type { PromptGuidance } from '@tandem/nodes';
import type { BrandKitInput, StorePort, Suggestion } from '@tandem/schema';
import { suggestionKey } from './corrections.js';
import { selectFewShotExamples, type FewShotExample, type FewShotOptions } from './few-shot.js';
import type { PromptSuggestion } from './learning-prompt.js';

/*
 * Adapters from the learning logic to what the rest of the product consumes: the node catalog's
 * PromptGuidance ({ examples, notes }, which ai.generate renders next to the brand kit), the
 * engine's `guidance` option, and a brand kit with the accepted rules merged in (so
 * check.brand enforces what managers accepted).
 */

function accepted(suggestions: readonly PromptSuggestion[]): PromptSuggestion[] {
  return suggestions.filter((s) => s.status === 'accepted');
}

function ruleSentence(s: PromptSuggestion): string | null {
  if (s.kind === 'preferred_term' && s.use && s.insteadOf) {
    return `Write "${s.use}", not "${s.insteadOf}".`;
  }
  if (s.kind === 'banned_phrase' && s.phrase) return `Never write "${s.phrase}".`;
  if (s.kind === 'prompt_note' && s.note?.trim()) return s.note.replace(/\s+/g, ' ').trim();
  return null;
}

/**
 * Examples and notes for an AI step: accepted rules become notes in the same fixed sentence
 * shapes as buildLearningPrompt ('Write "use", not "utilize".'), each once.
 */
export function buildPromptGuidance(input: {
  examples: readonly FewShotExample[];
  acceptedSuggestions: readonly PromptSuggestion[];
}): PromptGuidance {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const s of accepted(input.acceptedSuggestions)) {
    const sentence = ruleSentence(s);
    const key = suggestionKey(s);
    if (sentence && !seen.has(key)) {
      seen.add(key);
      notes.push(sentence);
    }
  }
  return { examples: input.examples.map((e) => e.text), notes };
}

/** The brand kit with accepted preferred terms and banned phrases added (deduplicated). */
export function mergeAcceptedRules<
  K extends Pick<BrandKitInput, 'preferredTerms' | 'bannedPhrases'>,
>(brandKit: K, suggestions: readonly PromptSuggestion[]): K {
  const preferredTerms = [...brandKit.preferredTerms];
  const bannedPhrases = [...brandKit.bannedPhrases];
  const terms = new Set(preferredTerms.map((t) => t.insteadOf.toLowerCase()));
  const banned = new Set(bannedPhrases.map((p) => p.toLowerCase()));
  for (const s of accepted(suggestions)) {
    if (s.kind === 'preferred_term' && s.use && s.insteadOf) {
      if (terms.has(s.insteadOf.toLowerCase())) continue;
      terms.add(s.insteadOf.toLowerCase());
      preferredTerms.push({ use: s.use, insteadOf: s.insteadOf });
    } else if (s.kind === 'banned_phrase' && s.phrase && !banned.has(s.phrase.toLowerCase())) {
      banned.add(s.phrase.toLowerCase());
      bannedPhrases.push(s.phrase);
    }
  }
  return { ...brandKit, preferredTerms, bannedPhrases };
}

export interface LearningGuidanceOptions extends Omit<
  FewShotOptions,
  'k' | 'sourceNodeId' | 'flowId' | 'promptVersion'
> {
  /** Approved examples per prompt. Default 3. */
  k?: number;
}

export interface LearningGuidanceRequest {
  flowId: string;
  /** The AI step. */
  nodeId: string;
  /** The step's prompt version now: examples come only from output of this version. */
  promptVersion?: string;
  store: Pick<StorePort, 'feedback' | 'suggestions'>;
}

/**
 * A ready `guidance` option for createEngine: reads the step's recent feedback and accepted
 * suggestions through the store port and returns its examples and notes (undefined when there
 * is nothing to add yet).
 */
export function createLearningGuidance(
  options: LearningGuidanceOptions = {},
): (request: LearningGuidanceRequest) => Promise<PromptGuidance | undefined> {
  const window = options.window ?? 50;
  return async ({ flowId, nodeId, promptVersion, store }) => {
    const [page, suggestions] = await Promise.all([
      store.feedback.list({ flowId, sourceNodeId: nodeId, limit: window }),
      store.suggestions.list({ flowId, nodeId, status: ['accepted'] as Suggestion['status'][] }),
    ]);
    const examples = selectFewShotExamples(page.items, {
      ...options,
      k: options.k ?? 3,
      window,
      flowId,
      sourceNodeId: nodeId,
      ...(promptVersion ? { promptVersion } : {}),
    });
    const guidance = buildPromptGuidance({ examples, acceptedSuggestions: suggestions });
    return guidance.examples.length || guidance.notes.length ? guidance : undefined;
  };
}
