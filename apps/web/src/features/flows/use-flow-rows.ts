import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenTaskCount, Page, Run } from '@tandem/schema';
import type { ListedFlow } from '@tandem/nodes';
import { api } from '../../api/client.js';
import { coalesce } from '../../api/coalesce.js';
import { useResync, useSocketEvent } from '../../api/socket.js';
import { applyOpenCounts, applyRunUpdate, buildFlowRows, type FlowRow } from './flow-list.js';

const loadCounts = () =>
  api
    .get<Page<OpenTaskCount>>('/api/tasks/open-counts')
    .then((page) => page.items)
    .catch(() => null);

/**
 * The flows list with each flow's last run and open tasks, kept live. A pushed run update is
 * patched into its row; only what cannot be patched is reloaded, and reloads are coalesced, so
 * a burst of run events costs a request or two instead of one full reload per event.
 */
export function useFlowRows() {
  const [rows, setRows] = useState<FlowRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  /** The flows the last full load listed: a run of any other flow needs a reload to show. */
  const listed = useRef<Set<string> | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const { all, counts } = useMemo(
    () => ({
      all: coalesce(async () => {
        try {
          const [flows, runs, open] = await Promise.all([
            api.get<Page<ListedFlow>>('/api/flows', { query: { limit: 500 } }),
            // Reviewers may not list runs: their rows simply show no last run.
            api
              .get<Page<Run>>('/api/runs', { query: { limit: 500 } })
              .catch(() => ({ items: [] as Run[] })),
            loadCounts(),
          ]);
          if (!mounted.current) return;
          listed.current = new Set(flows.items.map((f) => f.id));
          setRows(buildFlowRows(flows.items, runs.items, open));
          setError(null);
        } catch (e) {
          if (mounted.current) setError(e instanceof Error ? e.message : 'Could not load flows');
        }
      }),
      counts: coalesce(async () => {
        const open = await loadCounts();
        if (open && mounted.current) setRows((r) => r && applyOpenCounts(r, open));
      }),
    }),
    [],
  );

  useEffect(() => all.trigger(), [all]);
  useResync(() => all.trigger());
  useSocketEvent('run.updated', ({ run }) => {
    if (listed.current && !listed.current.has(run.flowId)) all.trigger();
    else setRows((current) => current && (applyRunUpdate(current, run) ?? current));
    // A run that starts or stops waiting opened or closed a task.
    counts.trigger();
  });
  useSocketEvent('task.created', () => counts.trigger());
  useSocketEvent('task.updated', () => counts.trigger());

  return { rows, error, reload: () => all.trigger() };
}
