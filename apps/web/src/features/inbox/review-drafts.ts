/**
 * What a reviewer typed on a task but has not sent: edited text, a note, tags. Kept per reviewer
 * and task for the browser tab (sessionStorage, so a reload after a dropped server keeps it too),
 * because j/k, a click on another task or a reload used to throw it away without a word. Per
 * reviewer: whoever signs in next on a shared computer must not find someone else's unsent
 * edits put back as their own.
 */
export interface ReviewDraft {
  /** The content the edits were made against; a draft of older content is not restored. */
  original: string;
  edits: string | null;
  note: string;
  tags: string[];
}

const PREFIX = 'tandem.review-draft.';
/** Typing writes sessionStorage once it pauses this long, not on every key. */
const WRITE_DELAY_MS = 300;
/**
 * This page's newest copy of each draft, ahead of sessionStorage while a write waits (and the
 * only one when storage is missing or full); null once the draft was cleared here.
 */
const memory = new Map<string, string | null>();
/** Drafts whose newest text has not reached sessionStorage yet. */
const unwritten = new Set<string>();
let writeTimer: ReturnType<typeof setTimeout> | null = null;
let flushOnLeave = false;

function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function isEmptyDraft(draft: Omit<ReviewDraft, 'original'>): boolean {
  return draft.edits === null && draft.note.trim() === '' && draft.tags.length === 0;
}

/**
 * Writes the drafts still waiting to sessionStorage. Runs as the page goes away or is hidden
 * (another tab, another app), so a reload or a closed tab keeps what was typed last.
 */
export function flushDrafts(): void {
  if (writeTimer !== null) clearTimeout(writeTimer);
  writeTimer = null;
  const store = storage();
  for (const key of unwritten) {
    const text = memory.get(key);
    try {
      if (text) store?.setItem(key, text);
    } catch {
      // Full or blocked: the in-memory copy still covers moving between tasks.
    }
  }
  unwritten.clear();
}

function listenForLeaving(): void {
  if (flushOnLeave || typeof window === 'undefined' || typeof document === 'undefined') return;
  flushOnLeave = true;
  window.addEventListener('pagehide', flushDrafts);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushDrafts();
  });
}

const keyOf = (userId: string, taskId: string) => `${PREFIX}${userId}.${taskId}`;

export function saveDraft(userId: string, taskId: string, draft: ReviewDraft): void {
  const key = keyOf(userId, taskId);
  if (isEmptyDraft(draft)) {
    clearDraft(userId, taskId);
    return;
  }
  const text = JSON.stringify(draft);
  if (memory.get(key) === text) return;
  memory.set(key, text);
  unwritten.add(key);
  listenForLeaving();
  if (writeTimer !== null) clearTimeout(writeTimer);
  writeTimer = setTimeout(flushDrafts, WRITE_DELAY_MS);
}

/** This reviewer's unsent draft for this task, if it was made against the same content. */
export function readDraft(userId: string, taskId: string, original: string): ReviewDraft | null {
  const key = keyOf(userId, taskId);
  let text = memory.get(key);
  if (text === undefined) {
    try {
      text = storage()?.getItem(key);
    } catch {
      text = null;
    }
  }
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as ReviewDraft;
    return draft.original === original && !isEmptyDraft(draft) ? draft : null;
  } catch {
    return null;
  }
}

/** Forgets the draft at once: a reload right after a decision must not bring it back. */
export function clearDraft(userId: string, taskId: string): void {
  const key = keyOf(userId, taskId);
  unwritten.delete(key);
  if (memory.get(key) === null) return;
  memory.set(key, null);
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing stored there.
  }
}
