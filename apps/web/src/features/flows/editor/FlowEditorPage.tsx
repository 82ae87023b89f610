import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './editor.css';
import type { Flow, FlowVersion, Graph } from '@tandem/schema';
import { api, describePath, isApiError } from '../../../api/client.js';
import { Button, EmptyState, Modal, Spinner, useToast } from '../../../ui/index.js';
import { toCanvasEdges, toCanvasNodes, toGraph } from '../graph/flow-graph.js';
import { exportFileName, exportFlow, parseImportedFlow } from '../graph/import-export.js';
import {
  hasErrors,
  problemsFromServer,
  validateGraphLocally,
  type Problem,
} from '../graph/local-validation.js';
import { normalizeNodeTypes, type NodeTypeInfo } from '../graph/node-catalog.js';
import { Canvas, FIT_VIEW_OPTIONS } from './Canvas.js';
import { EditorToolbar } from './EditorToolbar.js';
import { useEditorStore } from './editor.store.js';
import { Inspector } from './Inspector.js';
import { Palette } from './Palette.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { inputFieldsOf } from './run-input.js';
import { SHORTCUT_HELP } from './shortcuts.js';
import { TestRunModal } from './TestRunModal.js';
import { useAutosave } from './use-autosave.js';
import { useEditorShortcuts } from './use-editor-shortcuts.js';
import { useLiveRun } from './use-live-run.js';
import { VersionsModal } from './VersionsModal.js';
import { RunBar } from './RunBar.js';

/** JSON with sorted keys, so equal graphs compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Canvas nodes; large flows carry size estimates so only the cards in view are rendered. */
const canvasNodes = (graph: Graph) =>
  toCanvasNodes(graph, (type) => useEditorStore.getState().types.get(type));

const sameGraph = (a: Graph, b: Graph) =>
  canonical(a) === canonical(toGraph(toCanvasNodes(b), toCanvasEdges(b)));

function Editor({
  flow,
  types,
  initialLatest,
}: {
  flow: Flow;
  types: NodeTypeInfo[];
  initialLatest: FlowVersion | null;
}) {
  const toast = useToast();
  const reactFlow = useReactFlow();
  const [name, setName] = useState(flow.name);
  const [latest, setLatest] = useState<FlowVersion | null>(initialLatest);
  const [viewing, setViewing] = useState<FlowVersion | null>(null);
  const [modal, setModal] = useState<'versions' | 'run' | 'help' | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [serverProblems, setServerProblems] = useState<{ at: number; problems: Problem[] } | null>(
    null,
  );
  const draftRef = useRef<{
    nodes: ReturnType<typeof toCanvasNodes>;
    edges: ReturnType<typeof toCanvasEdges>;
  } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const {
    state: saveState,
    save,
    adopt,
    savedFlow,
  } = useAutosave(flow, { name, ...(flow.description ? { description: flow.description } : {}) });
  const selectedNodeId = useEditorStore((s) => s.selectedNodeId);
  const changeCount = useEditorStore((s) => s.changeCount);
  const readOnly = useEditorStore((s) => s.readOnly);
  const problems = useEditorStore((s) => s.problems);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const [loaded, setLoaded] = useState(false);
  useLiveRun();

  useEffect(() => {
    const s = useEditorStore.getState();
    s.setTypes(types);
    s.load({ nodes: canvasNodes(flow.graph), edges: toCanvasEdges(flow.graph) });
    s.setRun(null);
    s.setAutomation({});
    setLoaded(true);
  }, [flow, types]);

  // Live automation levels of the published checkpoints, shown as badges on their cards.
  useEffect(() => {
    if (!flow.publishedVersion) return;
    api
      .get<
        | { items?: { nodeId: string; level: string; locked: boolean }[] }
        | { nodeId: string; level: string; locked: boolean }[]
      >(`/api/flows/${flow.id}/automation`)
      .then((r) => {
        const list = Array.isArray(r) ? r : (r.items ?? []);
        useEditorStore
          .getState()
          .setAutomation(
            Object.fromEntries(list.map((a) => [a.nodeId, { level: a.level, locked: a.locked }])),
          );
      })
      .catch(() => undefined);
  }, [flow.id, flow.publishedVersion]);

  // Local checks run when the graph's content changes (not on every drag frame); the server's
  // problems from the last publish attempt stay until the next edit.
  useEffect(() => {
    const timer = setTimeout(() => {
      const s = useEditorStore.getState();
      const local = validateGraphLocally({ nodes: s.nodes, edges: s.edges }, s.types);
      const server =
        serverProblems && serverProblems.at === changeCount ? serverProblems.problems : [];
      const seen = new Set(local.map((p) => `${p.nodeId}|${p.path.join('.')}`));
      s.setProblems([
        ...server.filter((p) => !seen.has(`${p.nodeId}|${p.path.join('.')}`)),
        ...local,
      ]);
    }, 200);
    return () => clearTimeout(timer);
  }, [changeCount, types, serverProblems, readOnly, viewing]);

  const changedSincePublish = useMemo(() => {
    if (!latest) return false;
    const s = useEditorStore.getState();
    return !sameGraph(toGraph(s.nodes, s.edges), latest.graph);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latest, changeCount, savedFlow, loaded]);

  const publish = useCallback(async (): Promise<FlowVersion | null> => {
    setPublishing(true);
    try {
      await save();
      const result = await api.post<{ version: number; flowVersion: FlowVersion }>(
        `/api/flows/${flow.id}/publish`,
      );
      setLatest(result.flowVersion);
      adopt(await api.get<Flow>(`/api/flows/${flow.id}`));
      setServerProblems(null);
      setShowProblems(false);
      toast.show(`Published version ${result.version}`, 'success');
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
  }, [flow.id, save, adopt, toast]);

  const onPublish = () => {
    if (hasErrors(useEditorStore.getState().problems)) {
      setShowProblems(true);
      toast.show('Fix the problems listed before publishing', 'error');
      return;
    }
    void publish();
  };

  const startRun = async (input: Record<string, string | number>) => {
    if (!latest || changedSincePublish || useEditorStore.getState().dirty) {
      const version = await publish();
      if (!version)
        throw new Error('The flow must publish before it can run; see the problems list');
    }
    const run = await api.post<{ id: string; status: string }>(`/api/flows/${flow.id}/runs`, {
      input,
    });
    useEditorStore.getState().setRun({ id: run.id, status: run.status, steps: {} });
    toast.show('Test run started', 'success');
  };

  const viewVersion = (version: FlowVersion) => {
    const s = useEditorStore.getState();
    if (!viewing) draftRef.current = { nodes: s.nodes, edges: s.edges };
    setViewing(version);
    s.load(
      { nodes: canvasNodes(version.graph), edges: toCanvasEdges(version.graph) },
      { readOnly: true },
    );
    setModal(null);
    requestAnimationFrame(() => void reactFlow.fitView(FIT_VIEW_OPTIONS));
  };

  const backToDraft = () => {
    const draft = draftRef.current;
    setViewing(null);
    if (draft) useEditorStore.getState().load(draft);
    draftRef.current = null;
  };

  const restoreVersion = (version: FlowVersion) => {
    const draft = draftRef.current;
    const s = useEditorStore.getState();
    if (draft) s.load(draft);
    draftRef.current = null;
    setViewing(null);
    // Restoring is an ordinary, undoable edit of the draft, saved like any other.
    useEditorStore.setState((st) => ({
      history: { past: [...st.history.past, { nodes: st.nodes, edges: st.edges }], future: [] },
      nodes: canvasNodes(version.graph),
      edges: toCanvasEdges(version.graph),
      dirty: true,
      changeCount: st.changeCount + 1,
    }));
    setModal(null);
    toast.show(`Version ${version.number} restored as the draft`, 'success');
  };

  const onImportFile = async (file: File) => {
    const result = parseImportedFlow(await file.text(), useEditorStore.getState().types);
    if (!result.ok) {
      const first = result.problems
        .slice(0, 3)
        .map((p) => `${describePath(p.path) || 'file'}: ${p.message}`);
      toast.show(`Import refused. ${first.join('; ')}`, 'error');
      return;
    }
    useEditorStore.setState((st) => ({
      history: { past: [...st.history.past, { nodes: st.nodes, edges: st.edges }], future: [] },
      nodes: canvasNodes(result.flow.graph),
      edges: toCanvasEdges(result.flow.graph),
      dirty: true,
      changeCount: st.changeCount + 1,
    }));
    requestAnimationFrame(() => void reactFlow.fitView(FIT_VIEW_OPTIONS));
    toast.show(`Imported ${result.flow.graph.nodes.length} steps (undo with Ctrl+Z)`, 'success');
  };

  const onExport = () => {
    const s = useEditorStore.getState();
    const blob = new Blob(
      [
        exportFlow({
          name,
          ...(flow.description ? { description: flow.description } : {}),
          graph: toGraph(s.nodes, s.edges),
        }),
      ],
      {
        type: 'application/json',
      },
    );
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(name);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const addFromPalette = useCallback(
    (type: string) => {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const center = rect
        ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
        : { x: 400, y: 300 };
      const at = reactFlow.screenToFlowPosition(center);
      const jitter = (useEditorStore.getState().nodes.length % 5) * 24;
      useEditorStore
        .getState()
        .addNode(type, { x: Math.round(at.x - 130 + jitter), y: Math.round(at.y - 48 + jitter) });
    },
    [reactFlow],
  );

  const shortcutHandlers = useMemo(
    () => ({ save: () => void save().catch(() => undefined), help: () => setModal('help') }),
    [save],
  );
  useEditorShortcuts(shortcutHandlers);

  const trigger = useEditorStore((s) => s.nodes.find((n) => n.data.nodeType === 'trigger.manual'));
  const needsPublish = !latest || changedSincePublish || saveState !== 'saved';

  return (
    <div className="editor">
      <EditorToolbar
        name={name}
        onRename={setName}
        status={{ published: latest?.number ?? flow.publishedVersion, changedSincePublish }}
        saveState={saveState}
        errorCount={errorCount}
        onShowProblems={() => setShowProblems((v) => !v)}
        onImport={() => fileInput.current?.click()}
        onExport={onExport}
        onVersions={() => setModal('versions')}
        onTestRun={() => setModal('run')}
        onPublish={onPublish}
        publishing={publishing}
      />
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onImportFile(file);
        }}
      />
      {viewing && (
        <div className="version-banner" role="status">
          Viewing version {viewing.number} (read-only).
          <Button size="sm" onClick={() => restoreVersion(viewing)}>
            Restore as draft
          </Button>
          <Button size="sm" variant="ghost" onClick={backToDraft}>
            Back to the draft
          </Button>
        </div>
      )}
      <RunBar />
      <div className={`editor-body${selectedNodeId ? ' with-inspector' : ''}`}>
        <Palette types={types} onAdd={addFromPalette} disabled={readOnly} />
        <div className="canvas-wrap">
          {loaded && <Canvas onConnectRefused={(reason) => toast.show(reason, 'error')} />}
          {showProblems && <ProblemsPanel onClose={() => setShowProblems(false)} />}
          {useEditorStore.getState().nodes.length === 0 && !readOnly && (
            <div className="canvas-hint">
              <strong>Start with a trigger.</strong> Drag “Manual start” from the left, then add an
              AI step, a check, a review and a publish step. Connect them by dragging from a step’s
              right edge to the next one.
            </div>
          )}
        </div>
        {selectedNodeId && <Inspector key={selectedNodeId} nodeId={selectedNodeId} />}
      </div>
      <VersionsModal
        flowId={flow.id}
        open={modal === 'versions'}
        onClose={() => setModal(null)}
        onView={viewVersion}
        onRestore={restoreVersion}
        viewing={viewing?.number ?? null}
      />
      {modal === 'run' && (
        <TestRunModal
          open
          onClose={() => setModal(null)}
          fields={inputFieldsOf(trigger?.data.config)}
          onStart={startRun}
          note={
            needsPublish
              ? 'Runs always use a published version. Starting publishes your current draft first, then runs it with this input.'
              : `Runs published version ${latest?.number} with this input. Watch each step on the canvas.`
          }
          startLabel={needsPublish ? 'Publish and run' : 'Start run'}
        />
      )}
      <Modal open={modal === 'help'} onClose={() => setModal(null)} title="Keyboard shortcuts">
        <table className="table shortcuts">
          <tbody>
            {SHORTCUT_HELP.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Modal>
    </div>
  );
}

export function FlowEditorPage() {
  const { id } = useParams();
  const [data, setData] = useState<{
    flow: Flow;
    types: NodeTypeInfo[];
    latest: FlowVersion | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    setData(null);
    setError(null);
    Promise.all([
      api.get<Flow>(`/api/flows/${id}`),
      api.get<unknown>('/api/node-types'),
      api
        .get<{ items: FlowVersion[] }>(`/api/flows/${id}/versions`)
        .catch(() => ({ items: [] as FlowVersion[] })),
    ])
      .then(([flow, types, versions]) => {
        const latest = [...versions.items].sort((a, b) => b.number - a.number)[0] ?? null;
        setData({ flow, types: normalizeNodeTypes(types), latest });
      })
      .catch((e: unknown) =>
        setError(
          isApiError(e, 'NOT_FOUND')
            ? 'This flow does not exist (it may have been deleted).'
            : e instanceof Error
              ? e.message
              : 'Could not open the flow',
        ),
      );
  }, [id]);

  if (error) {
    return (
      <EmptyState
        title="Cannot open this flow"
        body={error}
        action={<Link to="/flows">Back to flows</Link>}
      />
    );
  }
  if (!data) return <Spinner label="Opening the flow" />;
  return (
    <ReactFlowProvider>
      <Editor flow={data.flow} types={data.types} initialLatest={data.latest} />
    </ReactFlowProvider>
  );
}
