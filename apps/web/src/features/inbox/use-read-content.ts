import { useState } from 'react';

/** Why approve waits after the content changed on screen. */
export const CONTENT_CHANGED_REASON =
  'The content changed while you had it open (another reviewer edited it): read it, then choose “I have read it”.';

/**
 * Whether the content on screen changed since the reviewer had it in front of them: a live
 * update brought another reviewer's edit into the open task. Approving then would approve a
 * text the reviewer may not have read, with the revision that came with it, so approve waits
 * until they say they have read it. The first text shown for a task counts as read.
 */
export function useReadContent(
  taskId: string | undefined,
  text: string,
): { changed: boolean; acknowledge: () => void } {
  const [read, setRead] = useState<{ taskId: string; text: string } | null>(null);
  // Set during render, not in an effect: a frame in which a new task looked "changed" would
  // flash the notice and block a key pressed in it.
  if (taskId && read?.taskId !== taskId) {
    setRead({ taskId, text });
    return { changed: false, acknowledge: () => undefined };
  }
  return {
    changed: taskId !== undefined && read !== null && read.text !== text,
    acknowledge: () => {
      if (taskId) setRead({ taskId, text });
    },
  };
}
