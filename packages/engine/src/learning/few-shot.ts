import type { Feedback } from '@tandem/schema';

/*
 * Approved examples for an AI step's prompt: what reviewers let through for this step lately,
 * preferring the finals they edited (those carry the team's corrections), without duplicates
 * and within a character budget so examples never crowd out the task.
 */

export interface FewShotOptions {
  /** How many examples at most. */
  k: number;
  /** Only feedback on this AI step (Feedback.sourceNodeId); all given feedback when absent. */
  sourceNodeId?: string;
  flowId?: string;
  /**
   * Only output of this prompt version (Feedback.promptVersion). Approved blog posts are no
   * example for a prompt the designer has since rewritten to ask for a tweet.
   */
  promptVersion?: string;
  /** Only the most recent approvals are candidates, so stale ones age out. Default 50. */
  window?: number;
  /** Longer finals are cut at a sentence or word boundary. Default 1,500 characters. */
  maxCharsPerExample?: number;
  /** Total budget over all examples. Default 4,000 characters. */
  maxTotalChars?: number;
}

export interface FewShotExample {
  feedbackId: string;
  text: string;
  /** The reviewer changed the AI's draft before approving. */
  edited: boolean;
  truncated: boolean;
  createdAt: string;
}

/** Whether a decision approved content a human saw, with or without changes. */
export function isApproval(f: Feedback): boolean {
  return f.action === 'approve' || f.action === 'edit';
}

export function isEdited(f: Feedback): boolean {
  return f.action === 'edit' ? f.final !== f.original || f.editSize > 0 : f.editSize > 0;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Cuts at the last sentence end (or else word break) before `max` characters. */
export function truncateText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const head = text.slice(0, max);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'));
  const cut = sentenceEnd > max * 0.5 ? sentenceEnd + 1 : head.lastIndexOf(' ');
  return { text: `${head.slice(0, cut > 0 ? cut : max).trimEnd()} […]`, truncated: true };
}

export function selectFewShotExamples(
  feedback: readonly Feedback[],
  options: FewShotOptions,
): FewShotExample[] {
  const k = Math.max(0, Math.floor(options.k));
  if (k === 0) return [];
  const window = options.window ?? 50;
  const perExample = options.maxCharsPerExample ?? 1_500;
  let budget = options.maxTotalChars ?? 4_000;

  const candidates = feedback
    .filter(
      (f) =>
        isApproval(f) &&
        f.final.trim() !== '' &&
        (options.sourceNodeId === undefined || f.sourceNodeId === options.sourceNodeId) &&
        (options.flowId === undefined || f.flowId === options.flowId) &&
        (options.promptVersion === undefined || f.promptVersion === options.promptVersion),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .slice(0, window);
  const ordered = [
    ...candidates.filter((f) => isEdited(f)),
    ...candidates.filter((f) => !isEdited(f)),
  ];

  const seen = new Set<string>();
  const picked: FewShotExample[] = [];
  for (const f of ordered) {
    if (picked.length >= k || budget <= 0) break;
    const key = normalise(f.final);
    if (seen.has(key)) continue;
    seen.add(key);
    const { text, truncated } = truncateText(f.final.trim(), Math.min(perExample, budget));
    // A sliver of an example teaches nothing but its cut-off.
    if (truncated && text.length < Math.min(200, perExample / 2)) break;
    budget -= text.length;
    picked.push({ feedbackId: f.id, text, edited: isEdited(f), truncated, createdAt: f.createdAt });
  }
  return picked;
}
