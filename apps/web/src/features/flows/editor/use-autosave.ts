import { useCallback, useEffect, useRef, useState } from 'react';
import type { Flow } from '@tandem/schema';
import { api, isApiError } from '../../../api/client.js';
import { toGraph } from '../graph/flow-graph.js';
import { useEditorStore } from './editor.store.js';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

const AUTOSAVE_DELAY_MS = 1_200;

/**
 * Saves the draft a moment after the last change (and on demand), sending the revision it
 * started from so a concurrent edit elsewhere is refused instead of silently overwritten.
 */
export function useAutosave(flow: Flow | null, meta: { name: string; description?: string }) {
  const dirty = useEditorStore((s) => s.dirty);
  const changeCount = useEditorStore((s) => s.changeCount);
  const readOnly = useEditorStore((s) => s.readOnly);
  const [state, setState] = useState<SaveState>('saved');
  const [savedFlow, setSavedFlow] = useState<Flow | null>(flow);
  const revision = useRef<number | null>(flow?.revision ?? null);
  const inFlight = useRef<Promise<Flow | null> | null>(null);
  const metaRef = useRef(meta);
  const metaKey = `${meta.name}\u0000${meta.description ?? ''}`;
  const [savedMetaKey, setSavedMetaKey] = useState(metaKey);

  useEffect(() => {
    metaRef.current = meta;
  });

  useEffect(() => {
    revision.current = flow?.revision ?? null;
    setSavedFlow(flow);
  }, [flow]);

  const save = useCallback(async (): Promise<Flow | null> => {
    if (!flow) return null;
    if (inFlight.current) await inFlight.current;
    const s = useEditorStore.getState();
    const started = s.changeCount;
    const { name, description } = metaRef.current;
    const key = `${name}\u0000${description ?? ''}`;
    setState('saving');
    const request = api
      .put<Flow>(
        `/api/flows/${flow.id}`,
        { name, ...(description ? { description } : {}), graph: toGraph(s.nodes, s.edges) },
        revision.current !== null
          ? { headers: { 'If-Match': `"${revision.current}"` } }
          : undefined,
      )
      .then((saved) => {
        revision.current = saved.revision;
        setSavedFlow(saved);
        setSavedMetaKey(key);
        useEditorStore.getState().markSaved(started);
        setState(useEditorStore.getState().dirty ? 'unsaved' : 'saved');
        return saved;
      })
      .catch((error: unknown) => {
        setState(isApiError(error, 'CONFLICT') ? 'conflict' : 'error');
        throw error;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request.catch(() => null);
    return request;
  }, [flow]);

  const needsSave = !readOnly && (dirty || metaKey !== savedMetaKey);
  const conflict = state === 'conflict';
  // A failed save is retried on the next change; a conflict waits for the designer to reload.
  useEffect(() => {
    if (!needsSave || conflict) return;
    const timer = setTimeout(() => void save().catch(() => undefined), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [needsSave, conflict, changeCount, metaKey, save]);

  useEffect(() => {
    if (!needsSave) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [needsSave]);

  /** Adopts a revision the server moved on its own (publishing bumps the flow's revision). */
  const adopt = useCallback((next: Flow) => {
    revision.current = next.revision;
    setSavedFlow(next);
  }, []);

  return {
    state: needsSave && state === 'saved' ? 'unsaved' : state,
    save,
    adopt,
    savedFlow,
    needsSave,
  } as const;
}
