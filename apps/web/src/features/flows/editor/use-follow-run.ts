import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { TandemNode } from '../graph/flow-graph.js';
import { runFocusStep } from '../graph/run-focus.js';
import { useEditorStore } from './editor.store.js';
import { showStep } from './show-step.js';

/**
 * Keeps the step a test run is at (running, or waiting for a reviewer) on screen: a flow wider
 * than the canvas opens on its first steps, so the review a run stops at was often off the right
 * edge. The canvas moves only when that step changes and only if it is hidden, so a designer
 * watching the run is not thrown around.
 */
export function useFollowRun(): void {
  const flow = useReactFlow<TandemNode>();
  const focus = useEditorStore((s) => (s.run ? runFocusStep(s.run.steps) : null));
  useEffect(() => {
    if (!focus) return;
    // A frame later, once the run bar above the canvas has taken its room.
    const frame = requestAnimationFrame(() => showStep(flow, focus));
    return () => cancelAnimationFrame(frame);
  }, [focus, flow]);
}
