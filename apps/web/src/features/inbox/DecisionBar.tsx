import { useEffect, useRef } from 'react';
import { Button, modKey } from '../../ui/index.js';
import type { DecisionLimits } from './decision-limits.js';
import { OFFLINE_REASON } from './use-connection-down.js';

interface Props {
  /** The reviewer changed the text: approving sends their edit. */
  changed: boolean;
  editing: boolean;
  canDecide: boolean;
  canApprove: boolean;
  canEdit: boolean;
  canRequestChanges: boolean;
  /** The connection is down: deciding would fail, so the decisions wait for it. */
  offline: boolean;
  limits: DecisionLimits;
  onApprove: () => void;
  onToggleEdit: () => void;
  onRequestChanges: () => void;
  onReject: () => void;
  /** "Approve despite 2 errors?" while approving waits for a second yes, else null. */
  question: string | null;
  onConfirmApprove: () => void;
  onCancelApprove: () => void;
}

/**
 * The second yes approving asks for while error flags remain, in the bar's place: `a` or Enter
 * approves (the focus is on Approve anyway), Esc goes back.
 */
function ApproveConfirm(props: { question: string; onConfirm: () => void; onCancel: () => void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div className="decision-bar decision-confirm" role="group" aria-labelledby="approve-question">
      <p id="approve-question" className="decision-question" role="alert">
        {props.question}
      </p>
      <Button ref={yes} variant="primary" onClick={props.onConfirm} aria-keyshortcuts="a Enter">
        Approve anyway <kbd aria-hidden="true">a</kbd>
      </Button>
      <Button onClick={props.onCancel} aria-keyshortcuts="Escape">
        Cancel <kbd aria-hidden="true">Esc</kbd>
      </Button>
    </div>
  );
}

/**
 * A button's words, and shorter ones a narrow task pane shows instead (task-view.css): at
 * 1024×768 the full labels wrapped the sticky bar to three rows over the preview. The full words
 * stay the button's name for screen readers.
 */
function Words({ full, short }: { full: string; short: string }) {
  return (
    <>
      <span className="words-full">{full}</span>
      <span className="words-short" aria-hidden="true">
        {short}
      </span>
    </>
  );
}

/** The four decisions with their keys, and why any of them is closed to this reviewer. */
export function DecisionBar(props: Props) {
  const { changed, editing, canDecide, canApprove, canEdit, canRequestChanges, offline, limits } =
    props;
  const paused = canDecide && offline;
  // In the editor a letter types itself: the keys shown are the ones that work there. "a" on
  // Approve while editing sent a reviewer's a into the text instead of approving.
  const approveKey = editing ? (
    // One item in the button's flex row, so the gap does not spread "Ctrl + Enter" apart.
    <span className="key-hint" aria-hidden="true">
      <kbd>{modKey()}</kbd>+
      <kbd>
        <Words full="Enter" short="↵" />
      </kbd>
    </span>
  ) : (
    <kbd aria-hidden="true">a</kbd>
  );
  const describedBy = (limited: string | null) =>
    [paused && 'decision-offline', limited && 'decision-limits'].filter(Boolean).join(' ') ||
    undefined;
  if (props.question) {
    return (
      <ApproveConfirm
        question={props.question}
        onConfirm={props.onConfirmApprove}
        onCancel={props.onCancelApprove}
      />
    );
  }
  return (
    <>
      <div className="decision-bar" role="group" aria-label="Decision">
        <Button
          variant="primary"
          onClick={props.onApprove}
          disabled={!canApprove || offline}
          aria-keyshortcuts={editing ? 'a Control+Enter Meta+Enter' : 'a'}
          aria-describedby={describedBy(limits.approve)}
        >
          {changed ? <Words full="Approve with edits" short="Approve" /> : 'Approve'} {approveKey}
        </Button>
        <Button
          onClick={props.onToggleEdit}
          disabled={!canEdit}
          aria-keyshortcuts={editing ? 'Escape' : 'e'}
        >
          {editing ? <Words full="Done editing" short="Done" /> : 'Edit'}{' '}
          <kbd aria-hidden="true">{editing ? 'Esc' : 'e'}</kbd>
        </Button>
        <Button
          onClick={props.onRequestChanges}
          disabled={!canRequestChanges || offline}
          aria-keyshortcuts="c"
          aria-describedby={describedBy(limits.requestChanges)}
        >
          <Words full="Request changes" short="Changes" /> <kbd aria-hidden="true">c</kbd>
        </Button>
        <Button
          variant="danger"
          onClick={props.onReject}
          disabled={!canDecide || offline}
          aria-keyshortcuts="r"
          aria-describedby={describedBy(null)}
        >
          Reject <kbd aria-hidden="true">r</kbd>
        </Button>
      </div>

      {paused && (
        <p id="decision-offline" className="notice notice-warning small" role="status">
          {OFFLINE_REASON}
        </p>
      )}

      {canDecide && (limits.approve || limits.requestChanges) && (
        <ul id="decision-limits" className="decision-limits small muted">
          {limits.approve && <li>{limits.approve}</li>}
          {limits.requestChanges && <li>{limits.requestChanges}</li>}
        </ul>
      )}
    </>
  );
}
