import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { useResync, useSocketEvent } from '../../api/socket.js';
import {
  claimTask,
  getTask,
  releaseTask,
  releaseTaskOnUnload,
  type TaskDetail,
} from './inbox-api.js';
import { claimAfterUpdate, claimStateOf, type ClaimState } from './claim-state.js';
import { taskOpenError } from './open-error.js';
import { heldDecisions } from './held-decisions.js';

export type { ClaimState };

export interface TaskState {
  task: TaskDetail | null;
  claim: ClaimState;
  error: string | null;
  /** The task does not exist (a wrong or old link): trying again cannot help. */
  missing: boolean;
  /** The task is not the user's to see (or does not exist): trying again cannot help either. */
  refused: boolean;
  /** Marks the task decided by this reviewer, so leaving it does not release a claim. */
  markDecided: (task?: TaskDetail | null) => void;
  /** Marks it taken by someone else after a 409, with the latest copy when there is one. */
  markLost: (reason: 'decided' | 'claimed') => void;
  /** Loads and claims again after an error (also done by itself when the socket reconnects). */
  retry: () => void;
  /** Takes back a claim that was released under this reviewer (an escalation clears it). */
  reclaim: () => void;
}

/**
 * Loads a task and claims it on open, so other reviewers see "being reviewed by …"; releases
 * the claim when the reviewer moves on without deciding. Live events keep it current.
 */
export function useTask(taskId: string, userId: string): TaskState {
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [claim, setClaim] = useState<ClaimState>('loading');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [refused, setRefused] = useState(false);
  const heldRef = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // A task that failed to open while the server was away opens once the connection is back.
  useResync(() => {
    if (claim === 'error') retry();
  });

  /** The signal of the current load; a claim taken after it aborted is handed back. */
  const signalRef = useRef<AbortSignal | null>(null);

  /**
   * Hands the claim back as the view goes, unless a decision on the task is held: that claim
   * keeps the task this reviewer's until the decision is sent.
   */
  const handBack = useCallback(() => {
    if (!heldDecisions.has(taskId)) void releaseTask(taskId).catch(() => undefined);
  }, [taskId]);

  const takeClaim = useCallback(
    async (signal: AbortSignal) => {
      try {
        const claimed = await claimTask(taskId);
        if (signal.aborted) {
          // The view went while the claim was on its way (a quick Back and Forward lost it).
          handBack();
          return;
        }
        heldRef.current = true;
        if (claimed) setTask((t) => ({ ...t, ...claimed, extras: t?.extras }));
        else setTask((t) => (t ? { ...t, claimedBy: userId } : t));
        setClaim('mine');
      } catch (e) {
        if (signal.aborted) return;
        if (isApiError(e, 'TASK_CLAIMED')) {
          const holder = (e.details.claimedBy as string | undefined) ?? null;
          const name = (e.details.claimedByName as string | undefined) ?? null;
          setTask((t) => (t ? { ...t, claimedBy: holder ?? 'someone', claimedByName: name } : t));
          setClaim('other');
        } else if (isApiError(e, 'TASK_ALREADY_DECIDED')) {
          // Still open: this reviewer's quorum approval is in and it waits for others.
          setClaim(e.details.status === 'open' ? 'readonly' : 'closed');
        } else {
          setError((e as Error).message);
          setClaim('error');
        }
      }
    },
    [taskId, userId, handBack],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    signalRef.current = ctrl.signal;
    heldRef.current = false;
    setTask(null);
    setClaim('loading');
    setError(null);
    setMissing(false);
    setRefused(false);
    (async () => {
      try {
        const loaded = await getTask(taskId, ctrl.signal);
        if (ctrl.signal.aborted) return;
        setTask(loaded);
        const state = claimStateOf(loaded, userId);
        // Someone who may only read (a manager looking in) never takes the claim.
        if (loaded.extras?.canDecide === false) {
          setClaim(state === 'mine' ? 'readonly' : state);
          return;
        }
        if (state !== 'mine') {
          setClaim(state);
          return;
        }
        await takeClaim(ctrl.signal);
      } catch (e) {
        if (ctrl.signal.aborted) return;
        const failure = taskOpenError(e);
        setError(failure.message);
        setMissing(failure.missing);
        setRefused(failure.refused);
        setClaim('error');
      }
    })();
    let releasedOnHide = false;
    const onPageHide = () => {
      // A held decision on this task goes out now (held-decisions.ts); its claim stays with it.
      if (!heldRef.current || heldDecisions.has(taskId)) return;
      heldRef.current = false;
      releasedOnHide = true;
      releaseTaskOnUnload(taskId);
    };
    // A page kept in the back-forward cache comes back still saying "You are reviewing this":
    // the claim it gave up as it went is taken again (or the view says who has it now).
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted || !releasedOnHide) return;
      releasedOnHide = false;
      void takeClaim(ctrl.signal);
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      ctrl.abort();
      if (heldRef.current) {
        heldRef.current = false;
        handBack();
      }
    };
  }, [taskId, userId, attempt, takeClaim, handBack]);

  useSocketEvent('task.updated', ({ task: next }) => {
    if (next.id !== taskId) return;
    // A late event (a release sent before this view's own claim) must not undo a newer state.
    if (task && next.revision < task.revision) return;
    setTask((t) => (t ? { ...t, ...next, extras: t.extras } : t));
    if (next.claimedBy !== userId) heldRef.current = false;
    // Live events carry ids only: read the task once more for the name of who decided it.
    if (next.status !== 'open' && claim !== 'closed' && signalRef.current) {
      const signal = signalRef.current;
      getTask(taskId, signal)
        .then((named) => setTask((t) => (t ? { ...t, ...named, extras: t.extras } : t)))
        .catch(() => undefined);
    }
    // The other reviewer let go: take the claim, or the screen says "You are reviewing this"
    // while a third reviewer can still claim the task from under this one.
    if (claimAfterUpdate(claim, next, userId) === 'reclaim') {
      if (task?.extras?.canDecide === false || !signalRef.current) {
        setClaim('readonly');
        return;
      }
      setClaim('loading');
      void takeClaim(signalRef.current);
      return;
    }
    // From the state as it is now, not as of the last render: the claim may have just landed
    // ('loading' -> 'mine') and its own event must not put it back to 'loading'.
    setClaim((current) => {
      const after = claimAfterUpdate(current, next, userId);
      return after === 'reclaim' ? current : after;
    });
  });

  const reclaim = useCallback(() => {
    if (!signalRef.current) return;
    setClaim('loading');
    void takeClaim(signalRef.current);
  }, [takeClaim]);

  const markDecided = useCallback((decided?: TaskDetail | null) => {
    heldRef.current = false;
    setTask((t) => (t ? { ...t, ...(decided ?? {}), status: 'decided', extras: t.extras } : t));
    setClaim('closed');
  }, []);

  const markLost = useCallback((reason: 'decided' | 'claimed') => {
    heldRef.current = false;
    setClaim(reason === 'decided' ? 'closed' : 'other');
  }, []);

  return { task, claim, error, missing, refused, markDecided, markLost, retry, reclaim };
}
