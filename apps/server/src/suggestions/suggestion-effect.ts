import { learningEffect } from '@tandem/engine';
import type { LearningEffect } from '@tandem/engine';
import type { Feedback, StorePort, Suggestion } from '@tandem/schema';

/** Decisions compared on each side of an acceptance, nearest to it. */
export const EFFECT_WINDOW = 100;
const PAGE = 500;
/** Bounds the scan of a busy step: the newest decisions are enough to show the trend. */
const MAX_PAGES = 10;

/** A suggestion as the console lists it: accepted ones carry the evidence of their effect. */
export type SuggestionView = Suggestion & { effect?: LearningEffect };

/**
 * Loads one AI step's feedback, newest first, until the window before the earliest acceptance
 * is full (or the history ends), so the "before" side is not cut off by later decisions.
 */
async function stepFeedback(
  store: StorePort,
  flowId: string,
  sourceNodeId: string,
  earliest: number,
): Promise<Feedback[]> {
  const all: Feedback[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await store.feedback.list({
      flowId,
      sourceNodeId,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...result.items);
    const older = all.filter((f) => Date.parse(f.createdAt) < earliest).length;
    if (!result.nextCursor || older >= EFFECT_WINDOW) break;
    cursor = result.nextCursor;
  }
  return all;
}

/** Adds `effect` (edit rate and size before and after acceptance) to accepted suggestions. */
export async function withEffects(
  store: StorePort,
  suggestions: Suggestion[],
): Promise<SuggestionView[]> {
  const accepted = suggestions.filter((s) => s.status === 'accepted' && s.decidedAt);
  const earliestByStep = new Map<string, { flowId: string; nodeId: string; at: number }>();
  for (const s of accepted) {
    const key = `${s.flowId}\u0000${s.nodeId}`;
    const at = Date.parse(s.decidedAt!);
    const seen = earliestByStep.get(key);
    if (!seen || at < seen.at) earliestByStep.set(key, { flowId: s.flowId, nodeId: s.nodeId, at });
  }
  const feedbackByStep = new Map<string, Feedback[]>();
  await Promise.all(
    [...earliestByStep].map(async ([key, step]) => {
      feedbackByStep.set(key, await stepFeedback(store, step.flowId, step.nodeId, step.at));
    }),
  );
  return suggestions.map((s) => {
    const feedback = feedbackByStep.get(`${s.flowId}\u0000${s.nodeId}`);
    if (s.status !== 'accepted' || !s.decidedAt || !feedback) return s;
    return { ...s, effect: learningEffect(feedback, s.decidedAt, { window: EFFECT_WINDOW }) };
  });
}
