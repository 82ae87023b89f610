import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Flow, FlowVersion } from '@tandem/schema';
import { api, isApiError } from '../../../api/client.js';
import { useAuth } from '../../../auth/use-auth.js';
import { useToast } from '../../../ui/index.js';
import { toGraph } from '../graph/flow-graph.js';
import {
  hasErrors,
  problemsFromServer,
  validateGraphLocally,
  type Problem,
} from '../graph/local-validation.js';
import type { NodeTypeInfo } from '../graph/node-catalog.js';
import { referenceProblems, withReferenceProblems } from '../graph/reference-problems.js';
import { sameGraph } from './editor-graph.js';
import { useEditorStore } from './editor.store.js';
import type { useAutosave } from './use-autosave.js';
import { useDirectoryStore, type Loadable } from './use-directory.js';

type Autosave = ReturnType<typeof useAutosave>;

const itemsOf = <T>(list: Loadable<T>): T[] | null => (list.status === 'ready' ? list.items : null);

/**
 * Publishing the draft and the problems list that guards it: local checks of the graph, plus the
 * server's problems from the last refused publish, kept until the next edit.
 */
export function usePublish({
  flow,
  types,
  initialLatest,
  viewing,
  loaded,
  save,
  adopt,
  savedFlow,
  openRunForm,
}: {
  flow: Flow;
  types: NodeTypeInfo[];
  initialLatest: FlowVersion | null;
  /** The version on show, if any; switching re-runs the checks on what the canvas holds. */
  viewing: FlowVersion | null;
  loaded: boolean;
  save: Autosave['save'];
  adopt: Autosave['adopt'];
  savedFlow: Autosave['savedFlow'];
  /**
   * Opens the test run form. After Publish the notice offers it: "Published version 2" alone was
   * a dead end for a designer who had just built a flow and wanted to see it work.
   */
  openRunForm: () => void;
}) {
  const toast = useToast();
  const [latest, setLatest] = useState<FlowVersion | null>(initialLatest);
  const [showProblems, setShowProblems] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [serverProblems, setServerProblems] = useState<{ at: number; problems: Problem[] } | null>(
    null,
  );
  const changeCount = useEditorStore((s) => s.changeCount);
  const readOnly = useEditorStore((s) => s.readOnly);
  const connections = useDirectoryStore((s) => s.connections);
  const people = useDirectoryStore((s) => s.people);
  const canManageConnections = useAuth().hasRole('admin');

  // Local checks run when the graph's content or the directories change (not on every drag
  // frame); the server's problems from the last publish attempt stay until the next edit.
  useEffect(() => {
    const timer = setTimeout(() => {
      const s = useEditorStore.getState();
      const graph = { nodes: s.nodes, edges: s.edges };
      const local = withReferenceProblems(
        validateGraphLocally(graph, s.types),
        referenceProblems(graph, s.types, {
          connections: itemsOf(connections),
          people: itemsOf(people),
          canManageConnections,
        }),
      );
      const server =
        serverProblems && serverProblems.at === changeCount ? serverProblems.problems : [];
      const seen = new Set(local.map((p) => `${p.nodeId}|${p.path.join('.')}`));
      s.setProblems([
        ...server.filter((p) => !seen.has(`${p.nodeId}|${p.path.join('.')}`)),
        ...local,
      ]);
    }, 200);
    return () => clearTimeout(timer);
  }, [
    changeCount,
    types,
    serverProblems,
    readOnly,
    viewing,
    connections,
    people,
    canManageConnections,
  ]);

  // The name counts too: a version keeps the name it was published under, so the server
  // publishes a renamed draft anew.
  const changedSincePublish = useMemo(() => {
    if (!latest) return false;
    const s = useEditorStore.getState();
    if (savedFlow && savedFlow.name !== latest.name) return true;
    return !sameGraph(toGraph(s.nodes, s.edges), latest.graph);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latest, changeCount, savedFlow, loaded]);

  /** `offerRun`: the notice offers a test run (not when publishing to start one already). */
  const publish = useCallback(
    async ({ offerRun = false } = {}): Promise<FlowVersion | null> => {
      setPublishing(true);
      try {
        await save();
        const result = await api.post<{
          version: number;
          flowVersion: FlowVersion;
          created: boolean;
        }>(`/api/flows/${flow.id}/publish`);
        setLatest(result.flowVersion);
        setServerProblems(null);
        setShowProblems(false);
        // The latest version already holds this draft: the server created nothing, and says so
        // (clicking Publish on an unchanged draft used to add an identical version each time).
        if (!result.created) {
          toast.show(`Already published as version ${result.version}`, 'info');
          return result.flowVersion;
        }
        // Publishing moved the flow's revision on.
        adopt(await api.get<Flow>(`/api/flows/${flow.id}`));
        toast.show(
          `Published version ${result.version}`,
          'success',
          offerRun
            ? { action: { label: 'Start a test run', onClick: openRunForm }, durationMs: 12_000 }
            : undefined,
        );
        return result.flowVersion;
      } catch (error) {
        if (isApiError(error, 'FLOW_INVALID')) {
          const s = useEditorStore.getState();
          const raw = (error.details.problems ?? error.details.issues ?? []) as {
            path?: (string | number)[];
            message: string;
            nodeId?: string;
          }[];
          setServerProblems({
            at: s.changeCount,
            problems: problemsFromServer(
              raw,
              s.nodes.map((n) => n.id),
            ),
          });
          setShowProblems(true);
          toast.show(`Not published: ${error.message}`, 'error');
        } else {
          toast.show(error instanceof Error ? error.message : 'Publish failed', 'error');
        }
        return null;
      } finally {
        setPublishing(false);
      }
    },
    [flow.id, save, adopt, toast, openRunForm],
  );

  const onPublish = () => {
    if (hasErrors(useEditorStore.getState().problems)) {
      setShowProblems(true);
      toast.show('Fix the problems listed before publishing', 'error');
      return;
    }
    void publish({ offerRun: true });
  };

  return {
    latest,
    changedSincePublish,
    publish,
    onPublish,
    publishing,
    showProblems,
    setShowProblems,
  };
}
