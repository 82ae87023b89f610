/**
 * What a reviewer typed on a task but has not sent: edited text, a note, tags. Kept per task for
 * the browser tab (sessionStorage, so a reload after a dropped server keeps it too), because
 * j/k, a click on another task or a reload used to throw it away without a word.
 */
export interface ReviewDraft {
  /** The content the edits were made against; a draft of older content is not restored. */
  original: string;
  edits: string | null;
  note: string;
  tags: string[];
}

const PREFIX = 'tandem.review-draft.';
/** Used when sessionStorage is missing or full. */
const memory = new Map<string, string>();

function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function isEmptyDraft(draft: Omit<ReviewDraft, 'original'>): boolean {
  return draft.edits === null && draft.note.trim() === '' && draft.tags.length === 0;
}

export function saveDraft(taskId: string, draft: ReviewDraft): void {
  const key = PREFIX + taskId;
  if (isEmptyDraft(draft)) {
    clearDraft(taskId);
    return;
  }
  const text = JSON.stringify(draft);
  memory.set(key, text);
  try {
    storage()?.setItem(key, text);
  } catch {
    // Full or blocked: the in-memory copy still covers moving between tasks.
  }
}

/** The unsent draft for this task, if it was made against the same content. */
export function readDraft(taskId: string, original: string): ReviewDraft | null {
  const key = PREFIX + taskId;
  let text: string | null | undefined;
  try {
    text = storage()?.getItem(key);
  } catch {
    text = null;
  }
  text ??= memory.get(key);
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as ReviewDraft;
    return draft.original === original && !isEmptyDraft(draft) ? draft : null;
  } catch {
    return null;
  }
}

export function clearDraft(taskId: string): void {
  const key = PREFIX + taskId;
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing stored there.
  }
}
