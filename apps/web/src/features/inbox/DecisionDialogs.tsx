import { useEffect, useId, useRef } from 'react';
import { Button, Field, Modal, modKey } from '../../ui/index.js';
import { REJECT_TAGS } from './decision-form.js';

interface DialogProps {
  kind: 'requestChanges' | 'reject' | null;
  /** The reviewer changed the text: sending it back or rejecting does not keep those edits. */
  edited: boolean;
  note: string;
  tags: string[];
  errors: Partial<Record<'note' | 'tags' | 'content', string>>;
  /** Why the decision did not go through (offline, a server error). */
  failure: string | null;
  busy: boolean;
  onNote: (note: string) => void;
  onTags: (tags: string[]) => void;
  onSubmit: () => void;
  onClose: () => void;
}

/**
 * The footer of a decision that needs words, in the inbox and in a test run's review: the send
 * shortcut, Cancel, and the decision's button.
 */
export function DecisionDialogFooter({
  reject,
  busy,
  onSubmit,
  onClose,
}: {
  reject: boolean;
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
}) {
  return (
    <>
      <span className="muted small inbox-key-hint">
        <kbd>{modKey()}</kbd>+<kbd>Enter</kbd> to send
      </span>
      <Button variant="ghost" onClick={onClose}>
        Cancel
      </Button>
      {/* Busy, not disabled: a disabled button drops the focus out of the dialog, and a
          failed request left the reviewer nowhere. */}
      <Button variant={reject ? 'danger' : 'primary'} onClick={onSubmit} busy={busy}>
        {reject ? 'Reject' : 'Send back for changes'}
      </Button>
    </>
  );
}

/** The two decisions that need words: what should change, or why it is rejected. */
export function DecisionDialog(props: DialogProps) {
  const { kind, edited, note, tags, errors, failure, busy, onNote, onTags, onSubmit, onClose } =
    props;
  const noteId = useId();
  const tagsId = useId();
  const isReject = kind === 'reject';
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const tagsRef = useRef<HTMLFieldSetElement>(null);
  // To the first field to fix, in the order the form shows them. Ctrl+Enter with a reason but no
  // tag left the focus in the reason: a keyboard user heard "Pick at least one tag" and had to
  // find the tags by tabbing.
  useEffect(() => {
    if (errors.note) noteRef.current?.focus();
    else if (errors.tags) tagsRef.current?.querySelector('input')?.focus();
  }, [errors]);
  return (
    <Modal
      open={kind !== null}
      title={isReject ? 'Reject this content' : 'Request changes'}
      onClose={onClose}
      footer={
        <DecisionDialogFooter reject={isReject} busy={busy} onSubmit={onSubmit} onClose={onClose} />
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {edited && (
          <p className="notice notice-warning small">
            {isReject
              ? 'Your edits to the text are not published: rejecting drops the content.'
              : 'Your edits to the text are not kept: the AI writes a new draft from your note. Put what matters into the note.'}
          </p>
        )}
        <Field
          label={isReject ? 'Reason' : 'What should change'}
          htmlFor={noteId}
          required
          error={errors.note}
          help={
            isReject
              ? 'Goes into the feedback that tunes the prompts.'
              : 'The AI step runs again with your note.'
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
        {isReject && (
          <fieldset
            ref={tagsRef}
            className="tag-picker"
            aria-describedby={errors.tags ? `${tagsId}-error` : undefined}
          >
            <legend className="field-label">
              Tags
              <span className="field-required" aria-label="required">
                *
              </span>
            </legend>
            {REJECT_TAGS.map((tag) => (
              <label key={tag} className="tag-option">
                <input
                  type="checkbox"
                  checked={tags.includes(tag)}
                  onChange={(e) =>
                    onTags(e.target.checked ? [...tags, tag] : tags.filter((t) => t !== tag))
                  }
                />
                {tag}
              </label>
            ))}
            {errors.tags && (
              <p className="field-error" id={`${tagsId}-error`} role="alert">
                {errors.tags}
              </p>
            )}
          </fieldset>
        )}
        {failure && (
          <p className="notice notice-danger" role="alert">
            Not sent: {failure}
          </p>
        )}
      </form>
    </Modal>
  );
}
