import { useEffect, useMemo, useState, type RefObject } from 'react';
import { Button, StructuredEditor, StructuredView } from '../../ui/index.js';
import {
  isInPlaceEditable,
  parseStructured,
  serializeStructured,
} from '../../ui/structured-data.js';
import { CHANNELS, type Channel } from './channel-preview.js';
import { ContentPreview } from './ContentPreview.js';
import { EditChanges } from './EditChanges.js';
import { diffView } from './diff-view.js';
import type { TaskDetail } from './inbox-api.js';
import { TechnicalDetails } from './TechnicalDetails.js';
import { useCheckpointChannel } from './use-checkpoint-channel.js';

/** Content of JSON fields (an AI step's structured output), shown as fields and tables. */
function isStructured(task: TaskDetail): boolean {
  return typeof task.content.data === 'object' && task.content.data !== null;
}

interface Props {
  task: TaskDetail;
  /** The content as drafted, and as the reviewer's edits have it now (the same when unedited). */
  original: string;
  edited: string;
  changed: boolean;
  editing: boolean;
  canDecide: boolean;
  /** The new edit, or null to undo every edit. */
  onEdit: (text: string | null) => void;
  /** Number fields of the table editor that hold no number, by label. */
  onBadCells: (labels: string[]) => void;
  /** Why the edited content cannot be sent, from the last decision tried. */
  contentError: string | undefined;
  /** The text editor, and the area around whichever editor is open: the decision keys' scope. */
  editorRef: RefObject<HTMLTextAreaElement | null>;
  editorAreaRef: RefObject<HTMLDivElement | null>;
  technical: boolean;
}

/**
 * What the decision is about: the content as it would be published (in the channel's look, or
 * as fields and tables for structured output), its editor, and what the edits changed.
 */
export function TaskContent(props: Props) {
  const { task, original, edited, changed, editing, canDecide, onEdit, onBadCells } = props;
  const { contentError, editorRef, editorAreaRef, technical } = props;
  const [channel, setChannel] = useCheckpointChannel(task.flowId, task.nodeId);
  const diff = useMemo(() => diffView(original, edited), [original, edited]);

  // Structured content: the draft and the edit read as data. The edit is kept as the JSON text
  // the decision sends, so a draft, the word diff and the server's validation work as for text.
  const structured = isStructured(task);
  const originalData = useMemo(
    () => (structured ? parseStructured(original) : undefined),
    [structured, original],
  );
  const editedData = useMemo(
    () => (structured ? parseStructured(edited) : undefined),
    [structured, edited],
  );
  /** The reviewer chose the raw JSON (or the shape is too deep for the table editor). */
  const [jsonEditing, setJsonEditing] = useState(false);
  useEffect(() => setJsonEditing(false), [task.id]);
  const inPlace =
    structured && !jsonEditing && editedData !== undefined && isInPlaceEditable(editedData);
  const editAsJson = (json: boolean) => {
    setJsonEditing(json);
    requestAnimationFrame(() =>
      (editorRef.current ?? editorAreaRef.current?.querySelector<HTMLElement>('input'))?.focus(),
    );
  };

  return (
    <section aria-labelledby="content-h" className="task-content">
      <div className="row task-content-head">
        <h3 id="content-h">{editing ? 'Edit the content' : 'What will be published'}</h3>
        <div className="spacer" />
        {/* A table is not a post, an email or an article: no channel to preview it as. */}
        {!structured && (
          <label className="inbox-filter">
            <span>Preview as</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {Object.values(CHANNELS).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {editing ? (
        <div className="stack" ref={editorAreaRef}>
          {inPlace && editedData !== undefined ? (
            <>
              <StructuredEditor
                value={editedData}
                disabled={!canDecide}
                onChange={(next) => onEdit(serializeStructured(next))}
                onInvalidChange={onBadCells}
              />
              <div className="row">
                <Button size="sm" variant="ghost" onClick={() => editAsJson(true)}>
                  Edit as JSON
                </Button>
              </div>
            </>
          ) : (
            <>
              <label htmlFor="task-editor" className="sr-only">
                Content
              </label>
              <textarea
                id="task-editor"
                ref={editorRef}
                className="task-editor"
                value={edited}
                rows={Math.min(20, Math.max(6, edited.split('\n').length + 1))}
                onChange={(e) => onEdit(e.target.value)}
                aria-describedby="diff-summary"
                disabled={!canDecide}
              />
              {structured && editedData !== undefined && isInPlaceEditable(editedData) && (
                <div className="row">
                  <Button size="sm" variant="ghost" onClick={() => editAsJson(false)}>
                    Edit as a table
                  </Button>
                </div>
              )}
            </>
          )}
          {contentError && (
            <p className="field-error" role="alert">
              {contentError}
            </p>
          )}
        </div>
      ) : structured && editedData !== undefined ? (
        <StructuredView
          value={editedData}
          flags={task.flags}
          {...(changed && originalData !== undefined ? { original: originalData } : {})}
        />
      ) : (
        <ContentPreview text={edited} channel={channel} flags={task.flags} />
      )}
      {(editing || changed) && (
        <EditChanges
          diff={diff}
          changed={changed}
          editing={editing}
          canDecide={canDecide}
          onUndo={() => onEdit(null)}
          edited={edited}
          channel={channel}
          flags={task.flags}
          {...(structured
            ? {
                // The table marks the changed values; the JSON's word diff would repeat them
                // as punctuation. Edited as JSON, the table shows what the JSON now says.
                preview:
                  editing && !inPlace && editedData !== undefined ? (
                    <StructuredView
                      value={editedData}
                      flags={task.flags}
                      {...(originalData !== undefined ? { original: originalData } : {})}
                    />
                  ) : null,
              }
            : {})}
        />
      )}
      {technical && <TechnicalDetails task={task} />}
    </section>
  );
}
