import type { FlowVersion } from '@tandem/schema';
import { api } from '../../../api/client.js';
import { useToast } from '../../../ui/index.js';
import { useEditorStore } from './editor.store.js';
import { runStartBody, type RunMode } from './run-effects.js';
import { pauseDraftSchedule } from './start-step.js';
import type { PublishChoice } from './TestRunModal.js';
import type { usePublish } from './use-publish.js';

type Publishing = ReturnType<typeof usePublish>;

/**
 * Starting a run from the test run form. Runs always use a published version, so a draft that
 * differs from the latest one (or was never published) is published first.
 */
export function useStartRun({
  flowId,
  latest,
  changedSincePublish,
  publish,
  onNotPublished,
}: {
  flowId: string;
  latest: FlowVersion | null;
  changedSincePublish: boolean;
  publish: Publishing['publish'];
  /** The publish was refused, so the run did not start. */
  onNotPublished: () => void;
}) {
  const toast = useToast();

  return async (
    input: Record<string, string | number>,
    mode: RunMode,
    { pauseSchedule }: PublishChoice,
  ) => {
    // The draft itself is paused, so the canvas says "Paused" and the next publish keeps it so.
    if (pauseSchedule) pauseDraftSchedule();
    if (!latest || changedSincePublish || useEditorStore.getState().dirty) {
      const version = await publish();
      // Not published: the problems list has opened, but behind this dialog. Close it so the
      // designer sees what to fix (a toast already says the run did not start).
      if (!version) {
        onNotPublished();
        return;
      }
    }
    const run = await api.post<{ id: string; status: string }>(
      `/api/flows/${flowId}/runs`,
      runStartBody(input, mode),
    );
    const test = mode === 'test';
    useEditorStore.getState().setRun({ id: run.id, status: run.status, steps: {}, test });
    const started = test ? 'Test run started: nothing will be sent' : 'Real run started';
    toast.show(
      pauseSchedule ? `${started}. The schedule is published paused.` : started,
      'success',
    );
  };
}
