import { useEffect } from 'react';
import { useAuth } from '../../../auth/use-auth.js';
import { latestRunStartedBy } from '../../runs/runs-api.js';
import { isTestRun } from '../../runs/test-run.js';
import { useEditorStore } from './editor.store.js';
import { hiddenRuns, shouldRestoreRun } from './restore-run.js';

/**
 * Opening a flow shows the designer's latest test run of it again (see `shouldRestoreRun`), so
 * the run bar survives a reload or a visit to another page; `useLiveRun` then follows it live
 * exactly as it follows a run just started. `loaded` waits for the editor to have cleared the
 * previous flow's run.
 */
export function useRestoreRun(flowId: string, loaded: boolean): void {
  const { user, hasRole } = useAuth();
  const userId = user?.id;
  // Only people who may start runs have test runs; only run viewers may list them.
  const startsRuns = hasRole('designer', 'admin');
  useEffect(() => {
    if (!loaded || !userId || !startsRuns) return;
    let current = true;
    latestRunStartedBy(flowId, userId)
      .then((run) => {
        const s = useEditorStore.getState();
        // A run started while this was loading is the one to show.
        if (!current || s.run || !shouldRestoreRun(run, Date.now(), hiddenRuns())) return;
        s.setRun({ id: run.id, status: run.status, steps: {}, test: isTestRun(run) });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [flowId, loaded, userId, startsRuns]);
}
