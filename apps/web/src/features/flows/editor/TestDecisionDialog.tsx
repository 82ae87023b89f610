import { useEffect, useId, useRef } from 'react';
import { Field, Modal } from '../../../ui/index.js';
import { DecisionDialogFooter } from '../../inbox/DecisionDialogs.js';
import { isSubmitShortcut } from './run-input.js';

/**
 * Request changes (a note is required: the AI step rewrites from it) or reject (a reason is
 * optional) on a test run's checkpoint. No tags: a test decision is not recorded as feedback.
 */
export function TestDecisionDialog({
  kind,
  note,
  error,
  failure,
  busy,
  onNote,
  onSubmit,
  onClose,
}: {
  kind: 'requestChanges' | 'reject' | null;
  note: string;
  /** What is wrong with the note, shown under it. */
  error: string | null;
  /** Why the decision did not go through. */
  failure: string | null;
  busy: boolean;
  onNote: (note: string) => void;
  onSubmit: () => void;
  onClose: () => void;
}) {
  const noteId = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const reject = kind === 'reject';
  useEffect(() => {
    if (error) noteRef.current?.focus();
  }, [error]);
  return (
    <Modal
      open={kind !== null}
      title={reject ? 'Reject in this test run' : 'Request changes in this test run'}
      onClose={onClose}
      footer={
        <DecisionDialogFooter reject={reject} busy={busy} onSubmit={onSubmit} onClose={onClose} />
      }
    >
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        onKeyDown={(e) => {
          if (!isSubmitShortcut(e)) return;
          e.preventDefault();
          if (!busy) onSubmit();
        }}
      >
        <Field
          label={reject ? 'Reason (optional)' : 'What should change'}
          htmlFor={noteId}
          required={!reject}
          error={error ?? undefined}
          help={
            reject
              ? 'The run ends here, as a real run would. Test decisions do not train the prompts.'
              : 'The AI step runs again with your note, and this checkpoint asks you again.'
          }
        >
          <textarea
            ref={noteRef}
            id={noteId}
            rows={4}
            value={note}
            onChange={(e) => onNote(e.target.value)}
          />
        </Field>
        {failure && (
          <p className="notice notice-danger" role="alert">
            Not sent: {failure}
          </p>
        )}
      </form>
    </Modal>
  );
}
