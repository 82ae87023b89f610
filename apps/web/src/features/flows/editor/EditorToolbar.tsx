import { useReactFlow } from '@xyflow/react';
import {
  AlertTriangle,
  Check,
  CircleAlert,
  Download,
  History,
  LayoutGrid,
  Maximize,
  Play,
  Redo2,
  Undo2,
  Upload,
  UploadCloud,
} from 'lucide-react';
import { useId } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '@tandem/schema';
import { Badge, Button, IconButton, shortcutLabel } from '../../../ui/index.js';
import { FIT_VIEW_OPTIONS } from './Canvas.js';
import { useEditorStore } from './editor.store.js';
import { ToolbarMenu, type MenuAction } from './ToolbarMenu.js';
import { TEST_RUN_BUTTON_ID } from './test-run-button.js';
import type { SaveState } from './use-autosave.js';

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Save failed',
  retrying: 'Not saved — retrying',
  conflict: 'Not saved — changed elsewhere',
};

export function EditorToolbar({
  name,
  nameProblem,
  onRename,
  status,
  saveState,
  saveFailure,
  onRetrySave,
  errorCount,
  warningCount,
  onShowProblems,
  problemsOpen,
  onImport,
  onExport,
  onVersions,
  onTestRun,
  onPublish,
  publishing,
  nothingToPublish,
}: {
  name: string;
  /** Why the name as typed cannot be saved (it is empty), shown at the field; null when it can. */
  nameProblem: string | null;
  onRename: (name: string) => void;
  status: { published: number | null; changedSincePublish: boolean };
  saveState: SaveState;
  /** Why the last save failed, in the server's words, while it is not saved. */
  saveFailure: string | null;
  onRetrySave: () => void;
  errorCount: number;
  /** Counted apart from errors: a warning does not stop publishing, but it breaks a run. */
  warningCount: number;
  onShowProblems: () => void;
  /** The problems list is showing (the button opens and closes it). */
  problemsOpen: boolean;
  onImport: () => void;
  onExport: () => void;
  onVersions: () => void;
  onTestRun: () => void;
  onPublish: () => void;
  publishing: boolean;
  /** The draft is saved and the same as the published version: publishing adds nothing. */
  nothingToPublish: boolean;
}) {
  const canUndo = useEditorStore((s) => s.history.past.length > 0);
  const canRedo = useEditorStore((s) => s.history.future.length > 0);
  const readOnly = useEditorStore((s) => s.readOnly);
  const flow = useReactFlow();
  const nameProblemId = useId();
  const s = useEditorStore.getState;
  const tidyUp = () => {
    s().autoLayout();
    requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
  };
  const fitView = () => void flow.fitView(FIT_VIEW_OPTIONS);
  // The same tools as the groups below, for windows too narrow to show them (a phone).
  const more: MenuAction[] = [
    {
      label: 'Undo',
      icon: <Undo2 size={16} aria-hidden="true" />,
      shortcut: shortcutLabel('Z'),
      disabled: !canUndo || readOnly,
      onSelect: () => s().undo(),
    },
    {
      label: 'Redo',
      icon: <Redo2 size={16} aria-hidden="true" />,
      shortcut: shortcutLabel('Shift+Z'),
      disabled: !canRedo || readOnly,
      onSelect: () => s().redo(),
    },
    {
      label: 'Tidy up',
      icon: <LayoutGrid size={16} aria-hidden="true" />,
      shortcut: 'L',
      disabled: readOnly,
      onSelect: tidyUp,
    },
    {
      label: 'Fit to screen',
      icon: <Maximize size={16} aria-hidden="true" />,
      shortcut: 'F',
      onSelect: fitView,
    },
    {
      label: 'Import from JSON',
      icon: <Upload size={16} aria-hidden="true" />,
      disabled: readOnly,
      onSelect: onImport,
    },
    {
      label: 'Export as JSON',
      icon: <Download size={16} aria-hidden="true" />,
      onSelect: onExport,
    },
    {
      label: 'Version history',
      icon: <History size={16} aria-hidden="true" />,
      onSelect: onVersions,
    },
  ];

  return (
    <header className="editor-toolbar">
      <Link to="/flows" className="back-link" aria-label="Back to flows">
        ←
      </Link>
      {/* The save state sits under the name, not beside it: it changes with every edit ("Saved",
          "Unsaved changes", "Saving…"), and in the row it made the toolbar wrap and unwrap, the
          canvas jumping by a row, as the designer typed. */}
      <div className="flow-title">
        <input
          className="flow-name"
          aria-label="Flow name"
          // The toolbar leaves the name little room; a long one shows whole on hover.
          title={name}
          value={name}
          // A longer name would fail every autosave until it is shortened.
          maxLength={LIMITS.name}
          readOnly={readOnly}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? nameProblemId : undefined}
          onChange={(e) => onRename(e.target.value)}
        />
        <div className="flow-meta">
          {/* Said at the field, right under it (in this row: a row of its own would move the
              canvas): an empty name used to fail every autosave, the graph's edits with it, and
              the toolbar only said "Save failed". */}
          {nameProblem && !readOnly && (
            <span className="flow-name-error" id={nameProblemId} role="alert">
              {nameProblem}
            </span>
          )}
          {status.published ? (
            <Badge
              tone={status.changedSincePublish ? 'warning' : 'success'}
              title={
                status.changedSincePublish
                  ? 'The draft differs from the published version'
                  : undefined
              }
            >
              {status.changedSincePublish
                ? `v${status.published} live · draft changed`
                : `Published v${status.published}`}
            </Badge>
          ) : (
            <Badge tone="neutral">Draft</Badge>
          )}
          <span className={`save-state save-${saveState}`} role="status" data-testid="save-state">
            {readOnly ? 'Read-only' : SAVE_LABEL[saveState]}
          </span>
          {/* The reason stays short in the row (the toolbar must not wrap); whole on hover, and
              read whole by a screen reader. */}
          {saveFailure && !readOnly && saveState !== 'conflict' && (
            <span className="save-failure" title={saveFailure} data-testid="save-failure">
              {saveFailure}
            </span>
          )}
          {/* A refused save is only tried again on the next edit, a lost one after a wait: this
              saves now. A conflict is settled in the banner below the toolbar. */}
          {(saveState === 'error' || saveState === 'retrying') && !readOnly && (
            <Button size="sm" onClick={onRetrySave}>
              Try again
            </Button>
          )}
        </div>
      </div>
      <span className="spacer" />
      {/* Each named as its tooltip and its item in the narrow window's menu say: one asking for
          "Tidy up" by voice or screen reader found only "Auto-layout". */}
      <div className="tool-group" role="group" aria-label="Edit">
        <IconButton
          icon={Undo2}
          title={`Undo (${shortcutLabel('Z')})`}
          label="Undo"
          disabled={!canUndo || readOnly}
          onClick={() => s().undo()}
        />
        <IconButton
          icon={Redo2}
          title={`Redo (${shortcutLabel('Shift+Z')})`}
          label="Redo"
          disabled={!canRedo || readOnly}
          onClick={() => s().redo()}
        />
        <IconButton
          icon={LayoutGrid}
          title="Tidy up (L)"
          label="Tidy up"
          disabled={readOnly}
          onClick={tidyUp}
        />
        <IconButton
          icon={Maximize}
          title="Fit to screen (F)"
          label="Fit to screen"
          onClick={fitView}
        />
      </div>
      <div className="tool-group" role="group" aria-label="File">
        <IconButton icon={Upload} label="Import from JSON" disabled={readOnly} onClick={onImport} />
        <IconButton icon={Download} label="Export as JSON" onClick={onExport} />
        <IconButton icon={History} label="Version history" onClick={onVersions} />
      </div>
      <ToolbarMenu actions={more} />
      <div className="toolbar-actions">
        <Button
          variant={errorCount || warningCount ? 'secondary' : 'ghost'}
          className={
            errorCount
              ? 'problems-btn has-problems'
              : warningCount
                ? 'problems-btn has-warnings'
                : 'problems-btn'
          }
          onClick={onShowProblems}
          aria-expanded={problemsOpen}
          data-testid="problems-button"
        >
          {errorCount > 0 && (
            <span className="count-errors">
              <CircleAlert size={15} aria-hidden="true" />
              {`${errorCount} problem${errorCount > 1 ? 's' : ''}`}
            </span>
          )}
          {errorCount > 0 && warningCount > 0 && <span className="sr-only">, </span>}
          {/* Counted beside the errors too: a warning does not stop publishing, but it is no
              error either, and hidden behind one it went unread. */}
          {warningCount > 0 && (
            <span className="count-warnings">
              <AlertTriangle size={15} aria-hidden="true" />
              {`${warningCount} warning${warningCount > 1 ? 's' : ''}`}
            </span>
          )}
          {errorCount === 0 && warningCount === 0 && 'No problems'}
        </Button>
        <Button id={TEST_RUN_BUTTON_ID} onClick={onTestRun} disabled={readOnly}>
          <Play size={15} aria-hidden="true" /> Test run
        </Button>
        {/* With nothing new, Publish steps back instead of asking for a click that changes
            nothing, and is primary again after an edit. Still clickable (and focusable, so its
            tooltip reads): the server then creates no version and the click says "Already
            published as version N". */}
        <Button
          variant={nothingToPublish ? 'secondary' : 'primary'}
          onClick={onPublish}
          disabled={readOnly}
          busy={publishing}
          title={
            nothingToPublish
              ? `Nothing new to publish: the draft is published as version ${status.published}`
              : undefined
          }
          data-testid="publish-button"
          data-nothing-new={nothingToPublish || undefined}
        >
          {nothingToPublish ? (
            <Check size={15} aria-hidden="true" />
          ) : (
            <UploadCloud size={15} aria-hidden="true" />
          )}{' '}
          {publishing ? 'Publishing…' : 'Publish'}
        </Button>
      </div>
    </header>
  );
}
