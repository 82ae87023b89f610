import { useMemo } from 'react';
import type { FieldOption } from '../../graph/schema-form.js';
import { matchingTimeZones, timeZoneLabel, timeZoneOptions } from '../../graph/time-zones.js';
import { useCombobox } from './use-combobox.js';

/**
 * A schedule's time zone, found by typing part of its name ("berlin", "new york") and chosen
 * from the list with a click or the arrow keys and Enter. An ARIA combobox like SuggestInput,
 * except that what is typed only searches: the stored value changes when a zone is chosen, so a
 * half-typed name is never saved, and leaving the box puts the chosen zone back. A stored value
 * the list lacks (an alias, or a mistyped name from before) is shown as it is, with its problem
 * under the field. Nothing is preselected from the browser: the schedule stays in UTC until the
 * designer picks, as the server runs it.
 */
export function TimeZonePicker({
  id,
  value,
  onChange,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  // Offsets as of when the panel opened: a schedule is edited in minutes, not across a DST change.
  const options = useMemo(() => timeZoneOptions(new Date()), []);
  const chosenLabel = useMemo(
    () => options.find((o) => o.value === value)?.label ?? timeZoneLabel(value, new Date()),
    [options, value],
  );
  const listId = `${id}-zones`;
  const box = useCombobox<FieldOption>({
    listId,
    readOnly,
    search: (typed) => matchingTimeZones(options, typed ?? ''),
    // Opened without typing, the list starts at the chosen zone rather than at the top.
    openAt: () => options.findIndex((o) => o.value === value),
    onPick: (option) => onChange(option.value),
    // Escape also closes the "no match" note, putting the chosen zone back.
    rules: { arrowMovesOnOpen: false, escapeClosesEmpty: true },
  });

  return (
    <div className="suggest">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={box.expanded}
        aria-controls={listId}
        aria-activedescendant={box.activeId}
        autoComplete="off"
        spellCheck={false}
        placeholder="Type a city or region, e.g. Berlin"
        value={box.typed ?? chosenLabel}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onClick={(e) => {
          if (box.open || readOnly) return;
          box.show();
          // Typing then searches afresh instead of adding to the chosen zone's label.
          e.currentTarget.select();
        }}
        onBlur={box.close}
        onKeyDown={box.onKeyDown}
        // The first match is the one Enter takes, as the highlight shows.
        onChange={(e) => box.type(e.target.value, 0)}
      />
      <ul
        className="suggest-list"
        id={listId}
        role="listbox"
        aria-label="Time zones"
        hidden={!box.expanded}
      >
        {box.expanded &&
          box.shown.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === box.highlight}
              className={`suggest-option time-zone-option${i === box.highlight ? ' active' : ''}${o.value === value ? ' chosen' : ''}`}
              // Picked before the box loses the focus, which would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                box.pick(o);
              }}
            >
              {o.label}
            </li>
          ))}
      </ul>
      {box.open && box.typed !== null && box.shown.length === 0 && (
        <p className="field-help" role="status">
          No time zone matches “{box.typed.trim()}”.
        </p>
      )}
    </div>
  );
}
