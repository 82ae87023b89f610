import { FEEDBACK_TAGS, type DecisionInput } from '@tandem/schema';

/**
 * Every feedback tag: a tag is required to reject, and with only brand, facts, tone and law on
 * offer a post rejected as too long or off topic was filed under one of those, skewing the
 * evidence and the corrections fed back into the prompts.
 */
export const REJECT_TAGS = FEEDBACK_TAGS;

export type DecisionKind = 'approve' | 'requestChanges' | 'reject';

export interface DecisionDraft {
  original: string;
  /** The text as the reviewer left it (equal to `original` when untouched). */
  edited: string;
  note: string;
  tags: string[];
  revision?: number;
}

export type DecisionResult =
  | { ok: true; input: DecisionInput }
  | { ok: false; errors: Partial<Record<'note' | 'tags' | 'content', string>> };

/** Line endings and trailing spaces are not an edit a reviewer meant. */
function normalise(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}

export function isEdited(draft: Pick<DecisionDraft, 'original' | 'edited'>): boolean {
  return normalise(draft.original) !== normalise(draft.edited);
}

/**
 * Turns what the reviewer did into the request body, or says what is missing. Approving an
 * edited text becomes `edit` with the new content, so feedback records the correction.
 */
export function buildDecision(kind: DecisionKind, draft: DecisionDraft): DecisionResult {
  const revision = draft.revision === undefined ? {} : { revision: draft.revision };
  const note = draft.note.trim();
  if (kind === 'approve') {
    if (!isEdited(draft)) return { ok: true, input: { action: 'approve', ...revision } };
    if (!draft.edited.trim()) return { ok: false, errors: { content: 'The content is empty' } };
    return { ok: true, input: { action: 'edit', content: draft.edited, ...revision } };
  }
  if (kind === 'requestChanges') {
    if (!note) return { ok: false, errors: { note: 'Say what should change' } };
    return { ok: true, input: { action: 'request_changes', reason: note, ...revision } };
  }
  const errors: Partial<Record<'note' | 'tags', string>> = {};
  if (!note) errors.note = 'Give a reason';
  if (draft.tags.length === 0) errors.tags = 'Pick at least one tag';
  if (errors.note || errors.tags) return { ok: false, errors };
  return {
    ok: true,
    input: { action: 'reject', reason: note, tags: [...draft.tags], ...revision },
  };
}
