import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ReactFlowProvider } from '@xyflow/react';
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
import { EmptyState, Spinner, useToast } from '../../../ui/index.js';
import { normalizeNodeTypes, type NodeTypeInfo } from '../graph/node-catalog.js';
import { Canvas } from './Canvas.js';
import { ConnectionPanel } from './ConnectionPanel.js';
import { EditorToolbar } from './EditorToolbar.js';
import { useEditorStore } from './editor.store.js';
import { Inspector } from './Inspector.js';
import { Palette } from './Palette.js';
import { ProblemsPanel, focusFirstProblem } from './ProblemsPanel.js';
import { inputFieldsOf } from './run-input.js';
import { realRunEffects } from './run-effects.js';
import { TestRunModal } from './TestRunModal.js';
import { publishTurnsOn } from './publish-turns-on.js';
import { useAddFromPalette } from './use-add-from-palette.js';
import { useAutosave } from './use-autosave.js';
import { flowNameProblem, nameToSave } from './flow-name.js';
import { useEditorShortcuts } from './use-editor-shortcuts.js';
import { useFlowDirectory } from './use-flow-directory.js';
import { useFlowFile } from './use-flow-file.js';
import { useLiveRun } from './use-live-run.js';
import { useLoadFlow } from './use-load-flow.js';
import { usePublish } from './use-publish.js';
import { useRestoreRun } from './use-restore-run.js';
import { useShowFlowOnClose } from './use-show-flow-on-close.js';
import { useStartRun } from './use-start-run.js';
import { useVersionView } from './use-version-view.js';
import { VersionsModal } from './VersionsModal.js';
import { VersionBanner } from './VersionBanner.js';
import { latestFlowVersion } from './flow-versions.js';
import { LeaveUnsavedModal } from './LeaveUnsavedModal.js';
import { RunBar } from './RunBar.js';
import { SaveConflictBanner } from './SaveConflictBanner.js';
import { ShortcutsHelpModal } from './ShortcutsHelpModal.js';
import { startStep } from './start-step.js';

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

  const startRun = useStartRun({
    flowId: flow.id,
    latest,
    changedSincePublish,
    publish,
    onNotPublished: () => setModal(null),
  });
  const addFromPalette = useAddFromPalette();

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
        <VersionBanner viewing={viewing} onRestore={restoreVersion} onBackToDraft={backToDraft} />
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
      <LeaveUnsavedModal
        open={leave.asking}
        saveFailure={saveFailure}
        onStay={leave.stay}
        onLeaveAnyway={leave.leaveAnyway}
      />
      <ShortcutsHelpModal open={modal === 'help'} onClose={() => setModal(null)} />
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
