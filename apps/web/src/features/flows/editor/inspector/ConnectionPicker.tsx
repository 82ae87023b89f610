import { Link } from 'react-router';
import type { ConnectionDirectoryEntry } from '@tandem/schema';
import { connectionChoices, connectionKindLabel } from '../../graph/picker-options.js';
import { CONNECTIONS_SETTINGS } from '../../graph/reference-problems.js';
import type { Loadable } from '../use-directory.js';
import { FieldNote } from './FieldNote.js';

/**
 * A saved connection of one kind, chosen by name. The control sits inside the form's own field
 * (label, help and error come from there); its notes add themselves to `aria-describedby`.
 */
export function ConnectionPicker({
  id,
  kind,
  value,
  onChange,
  list,
  canManageConnections,
  readOnly,
  describedBy,
  error,
  warning: fieldWarning,
}: {
  id: string;
  kind: string | undefined;
  value: string;
  onChange: (value: string) => void;
  list: Loadable<ConnectionDirectoryEntry>;
  canManageConnections: boolean;
  readOnly: boolean;
  describedBy: string | undefined;
  /** The field's error, shown by the form under the control. */
  error: string | undefined;
  /** The field's warning, shown by the form under the control. */
  warning: string | undefined;
}) {
  const noteId = `${id}-note`;
  const describe = [describedBy, noteId].filter(Boolean).join(' ');
  const kindLabel = connectionKindLabel(kind);

  if (list.status === 'error') {
    // Without the list the id can still be kept or typed, as before pickers existed.
    return (
      <>
        <input
          id={id}
          type="text"
          value={value}
          readOnly={readOnly}
          aria-describedby={describe}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <FieldNote severity="warning" id={noteId}>
          Could not load the saved connections ({list.message}). Enter the connection’s id, or
          reopen this step to try again.
        </FieldNote>
      </>
    );
  }

  const loading = list.status === 'loading';
  const choices = connectionChoices(loading ? [] : list.items, kind, value);
  const { options, stray } = choices;
  // Once the problems list has caught up, the form shows the same words as the field's problem.
  const warning =
    choices.warning === error || choices.warning === fieldWarning ? null : choices.warning;
  const none = !loading && options.length === 0;
  const hintId = `${id}-hint`;
  const selectDescribedBy =
    [
      describedBy,
      warning ? noteId : undefined,
      none && (!error || canManageConnections) ? hintId : undefined,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <>
      <select
        id={id}
        value={value}
        disabled={readOnly || loading}
        aria-describedby={selectDescribedBy}
        aria-invalid={error || warning ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {loading ? (
          <option value={value}>Loading connections…</option>
        ) : (
          <>
            <option value="">None</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {stray && <option value={stray.value}>{stray.label}</option>}
          </>
        )}
      </select>
      {warning && (
        <FieldNote severity="warning" id={noteId}>
          {warning}
        </FieldNote>
      )}
      {/* The field's error, once the problems list has it, says the same: only the link stays. */}
      {none &&
        (error ? (
          canManageConnections && (
            <p className="field-help" id={hintId}>
              <Link to={CONNECTIONS_SETTINGS}>Open Settings → Connections</Link>
            </p>
          )
        ) : (
          <p className="field-help" id={hintId}>
            No {kindLabel} connections saved yet.{' '}
            {canManageConnections ? (
              <Link to={CONNECTIONS_SETTINGS}>Add one in Settings → Connections</Link>
            ) : (
              'Ask an admin to add one in Settings → Connections; it shows here once saved.'
            )}
          </p>
        ))}
    </>
  );
}
