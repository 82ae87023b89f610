import { useEffect, useState } from 'react';
import type { OpenTaskCount, Page, Role } from '@tandem/schema';
import { api } from '../../api/client.js';
import { othersWaitingText, seesEveryTask } from './others-waiting.js';

/**
 * For an empty inbox of someone who sees every run: how much waits for other people, read each
 * time the inbox empties. A failed read says nothing rather than something wrong.
 */
export function useOthersWaiting(roles: readonly Role[] | undefined, empty: boolean) {
  const [text, setText] = useState<string | null>(null);
  const asked = empty && roles !== undefined && seesEveryTask(roles);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    api
      .get<Page<OpenTaskCount>>('/api/tasks/open-counts')
      .then((page) => live && setText(othersWaitingText(page.items)))
      .catch(() => live && setText(null));
    return () => {
      live = false;
    };
  }, [asked]);
  return asked ? text : null;
}
