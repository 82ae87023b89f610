import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './editor-toolbar.css';
import './editor-run-bar.css';
import './editor-canvas.css';
import './editor-palette.css';
import './editor-node-cards.css';
import './editor-handles-edges.css';
import './editor-inspector.css';
import './editor-settings-fields.css';
import './editor-settings-groups.css';
import './editor-prompt.css';
import './editor-run-output.css';
import './editor-problems-panel.css';
import './editor-narrow.css';
import './editor-suggest.css';
import './editor-test-run.css';
import type { Flow, FlowVersion } from '@tandem/schema';
import { api, isApiError } from '../../../api/client.js';
import { useAuth } from '../../../auth/use-auth.js';
import { Button, EmptyState, Modal, Spinner, useToast } from '../../../ui/index.js';
import { normalizeNodeTypes, type NodeTypeInfo } from '../graph/node-catalog.js';
import { usesPicker } from '../graph/reference-problems.js';
import { autoLinkNotice, nextOutputRow, stepToFollow } from '../graph/auto-connect.js';
import { freeSpotNear, wantedSpot } from '../graph/free-spot.js';
import { spotBefore, stepAwaitingTrigger, triggerAddedNotice } from '../graph/trigger-link.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../graph/layout.js';
import { Canvas } from './Canvas.js';
import { ConnectionPanel } from './ConnectionPanel.js';
import { EditorToolbar } from './EditorToolbar.js';
import { useEditorStore } from './editor.store.js';
import { Inspector } from './Inspector.js';
import { Palette } from './Palette.js';
import { ProblemsPanel, focusFirstProblem } from './ProblemsPanel.js';
import { inputFieldsOf } from './run-input.js';
import { SHORTCUT_HELP } from './shortcuts.js';
import { realRunEffects, runStartBody, type RunMode } from './run-effects.js';
import { TestRunModal, type PublishChoice } from './TestRunModal.js';
import { publishTurnsOn } from './publish-turns-on.js';
import { useAutosave } from './use-autosave.js';
import { flowNameProblem, nameToSave } from './flow-name.js';
import { useDirectoryRefresh } from './use-directory.js';
import { useEditorShortcuts } from './use-editor-shortcuts.js';
import { useFlowFile } from './use-flow-file.js';
import { useLiveRun } from './use-live-run.js';
import { useLoadFlow } from './use-load-flow.js';
import { usePublish } from './use-publish.js';
import { useRestoreRun } from './use-restore-run.js';
import { useShowFlowOnClose } from './use-show-flow-on-close.js';
import { useVersionView } from './use-version-view.js';
import { VersionsModal } from './VersionsModal.js';
import { latestFlowVersion } from './flow-versions.js';
import { RunBar } from './RunBar.js';
import { SaveConflictBanner } from './SaveConflictBanner.js';
import { pauseDraftSchedule, startStep } from './start-step.js';

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
  // What the field shows, and what is saved: the name as typed while it can be saved, else the
  // last one that could (an empty name is never sent; the field says why).
  const [name, setName] = useState(flow.name);
  const [lastGoodName, setLastGoodName] = useState(flow.name);
  const savedName = nameToSave(name, lastGoodName);
  const rename = useCallback((typed: string) => {
    setName(typed);
    if (!flowNameProblem(typed)) setLastGoodName(typed);
  }, []);
  const [modal, setModal] = useState<'versions' | 'run' | 'help' | null>(null);
  const { viewing, viewVersion, backToDraft, restoreVersion } = useVersionView(() =>
    setModal(null),
  );
  const fileInput = useRef<HTMLInputElement>(null);
  const openRunForm = useCallback(() => setModal('run'), []);
  const {
    state: saveState,
    failure: saveFailure,
    leave,
    save,
    adopt,
    savedFlow,
    keepMine,
    loadTheirs,
  } = useAutosave(flow, {
    name: savedName,
    ...(flow.description ? { description: flow.description } : {}),
  });
  const selectedNodeId = useEditorStore((s) => s.selectedNodeId);
  const selectedEdgeId = useEditorStore((s) => s.selectedEdgeId);
  const readOnly = useEditorStore((s) => s.readOnly);
  const problems = useEditorStore((s) => s.problems);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const warningCount = problems.length - errorCount;
  useLiveRun();
  const loaded = useLoadFlow(flow, types);
  useRestoreRun(flow.id, loaded);
  useFlowDirectory();
  useShowFlowOnClose();
  const {
    latest,
    changedSincePublish,
    publish,
    onPublish,
    publishing,
    showProblems,
    setShowProblems,
  } = usePublish({
    flow,
    types,
    initialLatest,
    viewing,
    loaded,
    save,
    adopt,
    savedFlow,
    openRunForm,
  });
  const { onImportFile, onExport } = useFlowFile(flow, savedName);

  const startRun = async (
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
        setModal(null);
        return;
      }
    }
    const run = await api.post<{ id: string; status: string }>(
      `/api/flows/${flow.id}/runs`,
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

  const addFromPalette = useCallback(
    (type: string) => {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const center = rect
        ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
        : { x: 400, y: 300 };
      const at = reactFlow.screenToFlowPosition(center);
      const { nodes, edges, types, selectedNodeId } = useEditorStore.getState();
      // A trigger added to a chain built without one goes before the chain's first step, and
      // leads to it: it used to land unconnected at the far end.
      const before =
        types.get(type)?.category === 'trigger'
          ? stepAwaitingTrigger({ nodes, edges }, types)
          : null;
      // Clicked with one step selected, the new step follows it, connected, so clicking steps in
      // order builds a chain.
      const after = before ? null : stepToFollow(nodes, selectedNodeId);
      const cards = nodes.map((n) => ({
        id: n.id,
        ...n.position,
        width: n.measured?.width ?? NODE_WIDTH,
        height: n.measured?.height ?? NODE_HEIGHT,
      }));
      const size = { width: NODE_WIDTH, height: NODE_HEIGHT };
      const row = after ? nextOutputRow({ nodes, edges }, types, after) : 0;
      const next = cards.find((c) => c.id === before);
      const spot = freeSpotNear(
        next
          ? spotBefore(next)
          : wantedSpot(cards.find((c) => c.id === selectedNodeId) ?? null, at, size, row),
        size,
        cards,
      );
      // The new step is selected; the settings panel then scrolls it into view if it is not.
      const added = useEditorStore.getState().addNode(type, spot, after, before);
      if (!added?.link) return;
      const s = useEditorStore.getState();
      const notice = before
        ? triggerAddedNotice(added.link.ok, s, s.types, { added: added.id, before })
        : autoLinkNotice(added.link, s, s.types, { from: after!, added: added.id });
      toast.show(notice, 'info', 'palette-add');
    },
    [reactFlow, toast],
  );

  const shortcutHandlers = useMemo(
    () => ({ save: () => void save().catch(() => undefined), help: () => setModal('help') }),
    [save],
  );
  useEditorShortcuts(shortcutHandlers);

  const needsPublish = !latest || changedSincePublish || saveState !== 'saved';

  return (
    <div className="editor">
      {/* The toolbar shows the name in a field; this names the page for screen readers, and a
          change of page puts the focus here. */}
      <h1 className="sr-only">Flow editor: {savedName}</h1>
      <EditorToolbar
        name={name}
        nameProblem={flowNameProblem(name)}
        onRename={rename}
        status={{ published: latest?.number ?? flow.publishedVersion, changedSincePublish }}
        saveState={saveState}
        saveFailure={saveFailure}
        onRetrySave={() => void save().catch(() => undefined)}
        errorCount={errorCount}
        warningCount={warningCount}
        onShowProblems={() => {
          setShowProblems(!showProblems);
          if (!showProblems) focusFirstProblem();
        }}
        problemsOpen={showProblems}
        onImport={() => fileInput.current?.click()}
        onExport={onExport}
        onVersions={() => setModal('versions')}
        onTestRun={() => setModal('run')}
        onPublish={onPublish}
        publishing={publishing}
        nothingToPublish={!needsPublish}
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
      {saveState === 'conflict' && !readOnly && (
        <SaveConflictBanner onKeepMine={keepMine} onLoadTheirs={loadTheirs} />
      )}
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
      <div className={`editor-body${selectedNodeId || selectedEdgeId ? ' with-inspector' : ''}`}>
        <Palette types={types} onAdd={addFromPalette} disabled={readOnly} />
        <div className="canvas-wrap">
          {loaded && <Canvas onConnectRefused={(reason) => toast.show(reason, 'error')} />}
          {showProblems && <ProblemsPanel onClose={() => setShowProblems(false)} />}
          {useEditorStore.getState().nodes.length === 0 && !readOnly && (
            <div className="canvas-hint">
              <strong>Start with a trigger.</strong> Click “Manual start” on the left, then an AI
              step, a check, a review and a publish step: each is added after the selected step,
              connected. Drag from a step’s right edge to connect steps yourself.
            </div>
          )}
        </div>
        {selectedNodeId && (
          <Inspector key={selectedNodeId} nodeId={selectedNodeId} flowId={flow.id} />
        )}
        {selectedEdgeId && <ConnectionPanel key={selectedEdgeId} edgeId={selectedEdgeId} />}
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
          // Whatever starts the flow: a form's fields, a webhook's expected fields, or a
          // schedule's fixed values (filled in, as each scheduled run gets them).
          fields={inputFieldsOf(startStep(useEditorStore.getState().nodes, types)?.config)}
          onStart={startRun}
          note={
            needsPublish
              ? 'Runs always use a published version. Starting publishes your current draft first, then runs it with this input.'
              : `Runs published version ${latest?.number} with this input. Watch each step on the canvas.`
          }
          // The steps as the dialog opens: what runs is this draft, or the same published version.
          realEffects={realRunEffects(useEditorStore.getState().nodes.map((n) => n.data.nodeType))}
          publishFirst={needsPublish}
          turnsOn={publishTurnsOn(
            startStep(useEditorStore.getState().nodes, types),
            startStep(
              (latest?.graph.nodes ?? []).map((n) => ({
                data: { nodeType: n.type, config: n.config },
              })),
              types,
            ),
          )}
          blockingProblems={needsPublish ? errorCount : 0}
          onShowProblems={() => {
            setModal(null);
            setShowProblems(true);
            // The closing dialog would otherwise hand the focus back to Test run.
            focusFirstProblem();
          }}
        />
      )}
      <Modal
        open={leave.asking}
        title="Leave without saving?"
        onClose={leave.stay}
        footer={
          <>
            <Button variant="ghost" onClick={leave.leaveAnyway}>
              Leave and lose the changes
            </Button>
            <Button variant="primary" onClick={leave.stay}>
              Stay
            </Button>
          </>
        }
      >
        <p>
          Your latest changes to this flow could not be saved
          {saveFailure ? `: ${saveFailure}` : '.'} Stay to fix it and save them.
        </p>
      </Modal>
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

/**
 * Loads the saved connections and people the flow's steps name, for the cards (a publish step
 * shows its connection's name) and the problems list (ids that no longer exist). Only people who
 * may pick them can read the directories.
 */
function useFlowDirectory(): void {
  const { hasRole } = useAuth();
  const canPick = hasRole('designer', 'admin');
  const connections = useEditorStore((s) => canPick && usesPicker(s, s.types, 'connection'));
  const people = useEditorStore((s) => canPick && usesPicker(s, s.types, 'people'));
  useDirectoryRefresh({ connections, people });
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
      latestFlowVersion(id).catch(() => null),
    ])
      .then(([flow, types, latest]) => {
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
