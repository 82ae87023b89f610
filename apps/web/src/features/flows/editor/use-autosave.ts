import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import type { Flow, Graph } from '@tandem/schema';
import { api, isApiError } from '../../../api/client.js';
import { useToast } from '../../../ui/index.js';
import { toGraph } from '../graph/flow-graph.js';
import { useEditorStore } from './editor.store.js';
import { saveFailureReason, saveRetryDelay } from './save-retry.js';
import { createSaveQueue } from './save-queue.js';

/** `retrying`: the last save failed on the way (server down, network gone) and is tried again. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error' | 'retrying' | 'conflict';

const AUTOSAVE_DELAY_MS = 1_200;

type Meta = { name: string; description?: string };
type DraftBody = Meta & { graph: Graph };

const metaKeyOf = ({ name, description }: Meta) => `${name}\u0000${description ?? ''}`;

/** What a save sends: the name and the graph as the store holds them at this moment. */
function draftBody({ name, description }: Meta): DraftBody {
  const { nodes, edges } = useEditorStore.getState();
  return { name, ...(description ? { description } : {}), graph: toGraph(nodes, edges) };
}

/** The one request that saves a draft: autosave and the save on leaving the editor both send it. */
function putDraft(flowId: string, body: DraftBody, revision: number | null): Promise<Flow> {
  return api.put<Flow>(
    `/api/flows/${flowId}`,
    body,
    revision !== null ? { headers: { 'If-Match': `"${revision}"` } } : undefined,
  );
}

/**
 * Saves the draft a moment after the last change (and on demand), one save at a time, sending
 * the revision it started from so a concurrent edit elsewhere is refused instead of silently
 * overwritten.
 */
export function useAutosave(flow: Flow | null, meta: Meta) {
  const dirty = useEditorStore((s) => s.dirty);
  const changeCount = useEditorStore((s) => s.changeCount);
  const readOnly = useEditorStore((s) => s.readOnly);
  const [state, setState] = useState<SaveState>('saved');
  const [savedFlow, setSavedFlow] = useState<Flow | null>(flow);
  const revision = useRef<number | null>(flow?.revision ?? null);
  const [queue] = useState(() => createSaveQueue<Flow>());
  const metaRef = useRef(meta);
  const metaKey = metaKeyOf(meta);
  const [savedMetaKey, setSavedMetaKey] = useState(metaKey);
  const failures = useRef(0);
  // A new object per failure, so the retry below is armed again after each one.
  const [retry, setRetry] = useState<{ delay: number } | null>(null);
  /** Why the last save failed, in the server's words; null once one succeeds. */
  const [failure, setFailure] = useState<string | null>(null);
  // Set when the designer chose to drop their unsaved changes: the page may then go quietly.
  const discarding = useRef(false);

  useEffect(() => {
    metaRef.current = meta;
  });

  useEffect(() => {
    revision.current = flow?.revision ?? null;
    setSavedFlow(flow);
  }, [flow]);

  const save = useCallback((): Promise<Flow | null> => {
    if (!flow) return Promise.resolve(null);
    return queue.run(() => {
      const started = useEditorStore.getState().changeCount;
      const sent = metaRef.current;
      setState('saving');
      return putDraft(flow.id, draftBody(sent), revision.current)
        .then((saved) => {
          revision.current = saved.revision;
          setSavedFlow(saved);
          setSavedMetaKey(metaKeyOf(sent));
          useEditorStore.getState().markSaved(started);
          failures.current = 0;
          setRetry(null);
          setFailure(null);
          setState(useEditorStore.getState().dirty ? 'unsaved' : 'saved');
          return saved;
        })
        .catch((error: unknown) => {
          setFailure(saveFailureReason(error));
          if (isApiError(error, 'CONFLICT')) {
            setRetry(null);
            setState('conflict');
            throw error;
          }
          failures.current += 1;
          const delay = saveRetryDelay(error, failures.current);
          setRetry(delay === null ? null : { delay });
          setState(delay === null ? 'error' : 'retrying');
          throw error;
        });
    });
  }, [flow, queue]);

  const needsSave = !readOnly && (dirty || metaKey !== savedMetaKey);
  const conflict = state === 'conflict';
  // Any failed save is tried again on the next change; a conflict waits for the designer to
  // choose whose version stays.
  useEffect(() => {
    if (!needsSave || conflict) return;
    const timer = setTimeout(() => void save().catch(() => undefined), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [needsSave, conflict, changeCount, metaKey, save]);

  // A save lost on the way is also tried again without a change: a designer who stopped editing
  // while the server was down would otherwise keep unsaved work they believe is safe.
  useEffect(() => {
    if (!retry || !needsSave || conflict) return;
    const timer = setTimeout(() => void save().catch(() => undefined), retry.delay);
    return () => clearTimeout(timer);
  }, [retry, needsSave, conflict, save]);

  useEffect(() => {
    if (!needsSave) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (!discarding.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [needsSave]);

  // Leaving the editor inside the app (the back arrow, another page) would unmount it and cancel
  // the pending autosave; no beforeunload asks first. So the way out waits: the draft is saved
  // first, and the page changes once it is. A save that fails (refused, server gone, changed
  // elsewhere) keeps the designer here, and `leave` says why and asks: leaving used to drop the
  // edit with a toast after the fact.
  const leaving = useRef({ needsSave, conflict });
  useEffect(() => {
    leaving.current = { needsSave, conflict };
  });
  const savedOnLeave = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      leaving.current.needsSave &&
      !discarding.current &&
      currentLocation.pathname !== nextLocation.pathname,
  );
  const [leaveRefused, setLeaveRefused] = useState(false);
  const blocked = blocker.state === 'blocked';
  useEffect(() => {
    if (!blocked) return;
    if (leaving.current.conflict) {
      setLeaveRefused(true);
      return;
    }
    let current = true;
    save().then(
      () => {
        if (!current) return;
        savedOnLeave.current = true;
        blocker.proceed?.();
      },
      () => {
        if (current) setLeaveRefused(true);
      },
    );
    return () => {
      current = false;
    };
    // The blocker object changes on every render; only its state starts this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocked, save]);
  const leave = {
    /** Leaving waits for a save that failed: the designer chooses. */
    asking: blocked && leaveRefused,
    stay: () => {
      setLeaveRefused(false);
      blocker.reset?.();
    },
    leaveAnyway: () => {
      discarding.current = true;
      setLeaveRefused(false);
      blocker.proceed?.();
    },
  };

  // A way out the blocker did not hold (none today, but the page may also just go away): an
  // edit made in the last second is sent now, from the graph as it is at this moment, in place of
  // any save still waiting: by the time an earlier save finishes, the store may hold another flow.
  const toast = useToast();
  useEffect(() => {
    if (!flow) return;
    return () => {
      if (
        !leaving.current.needsSave ||
        leaving.current.conflict ||
        discarding.current ||
        savedOnLeave.current
      ) {
        queue.dropPending();
        return;
      }
      const body = draftBody(metaRef.current);
      void queue
        .run(() => putDraft(flow.id, body, revision.current))
        .catch(() => toast.show(`Your last change to “${body.name}” could not be saved`, 'error'));
    };
  }, [flow, toast, queue]);

  /** After a conflict: this draft replaces the one saved elsewhere. */
  const keepMine = useCallback(async (): Promise<void> => {
    if (!flow) return;
    const current = await api.get<Flow>(`/api/flows/${flow.id}`);
    revision.current = current.revision;
    await save();
  }, [flow, save]);

  /** After a conflict: drops this tab's unsaved changes and opens the draft as saved elsewhere. */
  const loadTheirs = useCallback(() => {
    discarding.current = true;
    window.location.reload();
  }, []);

  /** Adopts a revision the server moved on its own (publishing bumps the flow's revision). */
  const adopt = useCallback((next: Flow) => {
    revision.current = next.revision;
    setSavedFlow(next);
  }, []);

  return {
    state: needsSave && state === 'saved' ? 'unsaved' : state,
    /** Why the last save failed, while it is not saved. */
    failure: state === 'error' || state === 'retrying' || state === 'conflict' ? failure : null,
    leave,
    save,
    adopt,
    savedFlow,
    needsSave,
    keepMine,
    loadTheirs,
  } as const;
}
