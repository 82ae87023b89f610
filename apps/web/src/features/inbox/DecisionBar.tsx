import { Button } from '../../ui/index.js';
import type { DecisionLimits } from './decision-limits.js';

interface Props {
  /** The reviewer changed the text: approving sends their edit. */
  changed: boolean;
  editing: boolean;
  canDecide: boolean;
  canApprove: boolean;
  canEdit: boolean;
  canRequestChanges: boolean;
  limits: DecisionLimits;
  onApprove: () => void;
  onToggleEdit: () => void;
  onRequestChanges: () => void;
  onReject: () => void;
  onUndoEdits: () => void;
}

/** The four decisions with their keys, and why any of them is closed to this reviewer. */
export function DecisionBar(props: Props) {
  const { changed, editing, canDecide, canApprove, canEdit, canRequestChanges, limits } = props;
  return (
    <>
      <div className="decision-bar" role="group" aria-label="Decision">
        <Button
          variant="primary"
          onClick={props.onApprove}
          disabled={!canApprove}
          aria-keyshortcuts="a"
          aria-describedby={limits.approve ? 'decision-limits' : undefined}
        >
          {changed ? 'Approve with edits' : 'Approve'} <kbd aria-hidden="true">a</kbd>
        </Button>
        <Button onClick={props.onToggleEdit} disabled={!canEdit} aria-keyshortcuts="e">
          {editing ? 'Preview' : 'Edit'} <kbd aria-hidden="true">e</kbd>
        </Button>
        <Button
          onClick={props.onRequestChanges}
          disabled={!canRequestChanges}
          aria-keyshortcuts="c"
          aria-describedby={limits.requestChanges ? 'decision-limits' : undefined}
        >
          Request changes <kbd aria-hidden="true">c</kbd>
        </Button>
        <Button
          variant="danger"
          onClick={props.onReject}
          disabled={!canDecide}
          aria-keyshortcuts="r"
        >
          Reject <kbd aria-hidden="true">r</kbd>
        </Button>
        {changed && (
          <Button variant="ghost" onClick={props.onUndoEdits} disabled={!canDecide}>
            Undo edits
          </Button>
        )}
      </div>

      {canDecide && (limits.approve || limits.requestChanges) && (
        <ul id="decision-limits" className="decision-limits small muted">
          {limits.approve && <li>{limits.approve}</li>}
          {limits.requestChanges && <li>{limits.requestChanges}</li>}
        </ul>
      )}
    </>
  );
}
