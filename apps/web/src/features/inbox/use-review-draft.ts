import { useCallback, useEffect, useState } from 'react';
import { readDraft, saveDraft } from './review-drafts.js';

/** The task fields the draft follows: which task, and whether it can still be decided. */
interface DraftTask {
  id: string;
  status: string;
}

/**
 * What the reviewer typed on a task and has not sent (edited text, note, tags), kept across
 * moving away and back (see review-drafts.ts). `edits` stays null until they change the text:
 * the loaded content shows from the first render. A copy made in an effect left the next task
 * empty for a frame ("Approve with edits", every word struck out) while it opened.
 */
export function useReviewDraft(reviewerId: string, task: DraftTask | null, original: string) {
  const [edits, setEdits] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [restored, setRestored] = useState(false);

  // When the task first loads (not on live updates), bring back what the reviewer typed on it
  // before moving away; set during render so the restored text shows from the first frame.
  const loadedId = task?.id;
  const [draftReadFor, setDraftReadFor] = useState<string | null>(null);
  if (task && draftReadFor !== task.id) {
    setDraftReadFor(task.id);
    const draft = readDraft(reviewerId, task.id, original);
    setEdits(draft?.edits ?? null);
    setNote(draft?.note ?? '');
    setTags(draft?.tags ?? []);
    setRestored(draft !== null);
  }

  // Open tasks only: a decided edit becomes the content, and a save would revive the draft.
  const open = task?.status === 'open';
  useEffect(() => {
    if (!loadedId || draftReadFor !== loadedId || !open) return;
    saveDraft(reviewerId, loadedId, { original, edits, note, tags });
  }, [reviewerId, loadedId, draftReadFor, open, original, edits, note, tags]);

  const discard = useCallback(() => {
    setEdits(null);
    setNote('');
    setTags([]);
    setRestored(false);
  }, []);

  return { edits, setEdits, note, setNote, tags, setTags, restored, discard };
}
