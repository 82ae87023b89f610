import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Task } from '@tandem/schema';
import { useResync, useSocketEvent } from '../../api/socket.js';
import { listOpenTasks, toInboxTask, type InboxTask } from './inbox-api.js';
import { applyTaskEvent, inboxTitle } from './task-list.js';
import { useHeldDecisions } from './held-decisions.js';

/** How long a newly arrived task keeps its highlight. */
const NEW_CUE_MS = 6_000;
const SOUND_KEY = 'tandem.inbox.sound';

function readSoundPref(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/** A short, quiet two-note chime; only after the reviewer turned sound on (a user gesture). */
function chime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.04;
    gain.connect(ctx.destination);
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.09);
      osc.stop(ctx.currentTime + i * 0.09 + 0.08);
    });
    setTimeout(() => void ctx.close(), 400);
  } catch {
    // No audio device or API: the visual cue and the title count still tell.
  }
}

export interface InboxState {
  tasks: readonly InboxTask[];
  loading: boolean;
  error: string | null;
  /** Ids that arrived live in the last few seconds, for the highlight. */
  fresh: ReadonlySet<string>;
  /** Latest live arrival, for the screen-reader announcement. */
  announcement: string;
  sound: boolean;
  setSound: (on: boolean) => void;
  reload: () => Promise<void>;
  /** Folds a task the page itself changed (claim, decision) into the list at once. */
  upsert: (task: Task, change: 'claimed' | 'released' | 'decided') => void;
  /** Takes a task this page decided out of the list (a bulk approval knows only its id). */
  remove: (taskId: string) => void;
}

/**
 * The open tasks this reviewer may decide: loaded from REST, kept live by socket events, and
 * reloaded after a reconnect because REST is the source of truth.
 */
export function useInbox(userId: string | undefined): InboxState {
  const [loaded, setTasks] = useState<readonly InboxTask[]>([]);
  // A held decision's task is still open on the server: a reload or a live event must not put
  // it back in the list (or the tab's count) before the decision is sent or undone.
  const held = useHeldDecisions();
  const tasks = useMemo(() => {
    if (held.length === 0) return loaded;
    const heldIds = new Set(held.map((h) => h.taskId));
    return loaded.filter((t) => !heldIds.has(t.id));
  }, [loaded, held]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [sound, setSoundState] = useState(readSoundPref);
  const soundRef = useRef(sound);
  soundRef.current = sound;

  const reload = useCallback(async () => {
    try {
      const list = await listOpenTasks();
      setTasks(list);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);
  useResync(() => void reload());

  useSocketEvent('task.created', ({ task }) => {
    setTasks((list) => applyTaskEvent(list, { type: 'task.created', task }, toInboxTask, userId));
    if (task.status !== 'open') return;
    setFresh((s) => new Set(s).add(task.id));
    setTimeout(() => {
      setFresh((s) => {
        const next = new Set(s);
        next.delete(task.id);
        return next;
      });
    }, NEW_CUE_MS);
    setAnnouncement(`New task: ${task.title}`);
    if (soundRef.current) chime();
  });
  useSocketEvent('task.updated', ({ task, change }) => {
    setTasks((list) =>
      applyTaskEvent(list, { type: 'task.updated', task, change }, toInboxTask, userId),
    );
  });

  const upsert = useCallback(
    (task: Task, change: 'claimed' | 'released' | 'decided') => {
      setTasks((list) =>
        applyTaskEvent(list, { type: 'task.updated', task, change }, toInboxTask, userId),
      );
    },
    [userId],
  );

  useEffect(() => {
    const previous = document.title;
    document.title = inboxTitle(tasks.length);
    return () => {
      document.title = previous;
    };
  }, [tasks.length]);

  const setSound = useCallback((on: boolean) => {
    setSoundState(on);
    try {
      localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    } catch {
      // Preference lasts for this page only.
    }
    if (on) chime();
  }, []);

  const remove = useCallback((taskId: string) => {
    setTasks((list) => list.filter((t) => t.id !== taskId));
  }, []);

  return { tasks, loading, error, fresh, announcement, sound, setSound, reload, upsert, remove };
}
