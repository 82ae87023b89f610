import { useState } from 'react';
import type { UserDirectoryEntry } from '@tandem/schema';
import { peopleChoices, peopleWarning } from '../../graph/picker-options.js';
import type { Loadable } from '../use-directory.js';
import { FieldNote } from './FieldNote.js';
import { StringList } from './StringList.js';

const ROLE_NAME: Record<string, string> = {
  admin: 'Admin',
  designer: 'Designer',
  reviewer: 'Reviewer',
  manager: 'Manager',
};

/** Past this many people a filter box helps find one by name. */
const FILTER_FROM = 8;

/** People chosen by name (their roles beside them), as a list of checkboxes. */
export function PeoplePicker({
  id,
  label,
  help,
  error,
  warning: fieldWarning,
  selected,
  onChange,
  list,
  readOnly,
}: {
  id: string;
  label: string;
  help: string | undefined;
  error: string | undefined;
  /** The field's warning from the problems list. */
  warning: string | undefined;
  selected: string[];
  onChange: (value: string[]) => void;
  list: Loadable<UserDirectoryEntry>;
  readOnly: boolean;
}) {
  const [filter, setFilter] = useState('');
  // Whoever was chosen when the picker opened stays listed after being unticked, so a person the
  // directory no longer has can be ticked again until the step is closed.
  const [kept] = useState<readonly string[]>(selected);
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const warningId = fieldWarning ? `${id}-warning` : undefined;
  const noteId = `${id}-note`;
  const options = list.status === 'ready' ? peopleChoices(list.items, selected, kept) : [];
  const ownWarning = peopleWarning(options, selected);
  // Once the problems list has caught up, the form shows the same words as the field's problem.
  const warning = ownWarning === error || ownWarning === fieldWarning ? null : ownWarning;
  const describedBy = [helpId, errorId, warningId, warning ? noteId : undefined]
    .filter(Boolean)
    .join(' ');
  const query = filter.trim().toLowerCase();
  const shown = query
    ? options.filter((o) => selected.includes(o.id) || o.label.toLowerCase().includes(query))
    : options;
  const toggle = (personId: string) =>
    onChange(
      selected.includes(personId)
        ? selected.filter((v) => v !== personId)
        : [...selected, personId],
    );

  return (
    <fieldset
      className={`field people-field${error ? ' field-invalid' : warning || fieldWarning ? ' field-warned' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field-label">{label}</legend>
      {list.status === 'loading' && <p className="muted small">Loading people…</p>}
      {list.status === 'error' && (
        <>
          <FieldNote severity="warning">
            Could not load the people ({list.message}). Their ids are shown instead; reopen this
            step to try again.
          </FieldNote>
          <StringList
            id={id}
            values={selected}
            onChange={onChange}
            readOnly={readOnly}
            describedBy={describedBy || undefined}
            itemErrors={() => undefined}
          />
        </>
      )}
      {list.status === 'ready' && (
        <>
          {options.length > FILTER_FROM && (
            <input
              type="search"
              className="people-filter"
              placeholder="Find by name"
              aria-label={`Find people for ${label}`}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
          <ul className="people-list">
            {shown.map((o) => {
              const on = selected.includes(o.id);
              return (
                <li key={o.id}>
                  <label
                    className={`person-option${on ? ' on' : ''}${o.unknown || o.disabled ? ' person-missing' : ''}`}
                  >
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={readOnly}
                      onChange={() => toggle(o.id)}
                    />
                    <span className="person-name">
                      {o.label}
                      {o.disabled && ' (disabled)'}
                    </span>
                    {o.roles.length > 0 && (
                      <span className="person-roles muted small">
                        {o.roles.map((r) => ROLE_NAME[r] ?? r).join(', ')}
                      </span>
                    )}
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {warning && (
        <FieldNote severity="warning" id={noteId}>
          {warning}
        </FieldNote>
      )}
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
      {error && (
        <FieldNote severity="error" id={errorId}>
          {error}
        </FieldNote>
      )}
      {fieldWarning && (
        <FieldNote severity="warning" id={warningId}>
          {fieldWarning}
        </FieldNote>
      )}
    </fieldset>
  );
}
