import type { ReactNode } from 'react';
import type { Flag } from '@tandem/schema';
import { Button } from '../../ui/index.js';
import type { Channel } from './channel-preview.js';
import { ContentPreview, DiffText } from './ContentPreview.js';
import type { diffView } from './diff-view.js';

/** The reviewer's changes against the AI draft, with a way to undo them, and (editing) a preview. */
export function EditChanges({
  diff,
  changed,
  editing,
  canDecide,
  onUndo,
  edited,
  channel,
  flags,
  preview,
}: {
  diff: ReturnType<typeof diffView>;
  changed: boolean;
  editing: boolean;
  canDecide: boolean;
  onUndo: () => void;
  edited: string;
  channel: Channel;
  flags: readonly Flag[];
  /** Shown instead of the word diff and the channel preview (structured content's own view). */
  preview?: ReactNode;
}) {
  return (
    <div className="diff-box">
      {/* Undo edits sits with the changes it undoes: in the sticky bar it wrapped the bar to
          a second row that covered the end of the preview. */}
      <div className="row diff-head">
        <p id="diff-summary" className="small muted" aria-live="polite">
          Changes against the AI draft: {diff.summary}
        </p>
        {changed && (
          <Button size="sm" variant="ghost" onClick={onUndo} disabled={!canDecide}>
            Undo edits
          </Button>
        )}
      </div>
      {preview !== undefined ? (
        preview
      ) : (
        <>
          {diff.changed && <DiffText ops={diff.ops} />}
          {editing && <ContentPreview text={edited} channel={channel} flags={flags} />}
        </>
      )}
    </div>
  );
}
