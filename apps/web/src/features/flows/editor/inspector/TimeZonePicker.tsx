import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { FieldOption } from '../../graph/schema-form.js';
import { movedHighlight } from '../../graph/suggestions.js';
import { matchingTimeZones, timeZoneLabel, timeZoneOptions } from '../../graph/time-zones.js';

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
  const [open, setOpen] = useState(false);
  // What the user typed to search; null shows the chosen zone and lists every one.
  const [typed, setTyped] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(-1);
  const listId = `${id}-zones`;
  const shown = matchingTimeZones(options, typed ?? '');
  const expanded = open && !readOnly && shown.length > 0;
  const activeId =
    expanded && highlight >= 0 && highlight < shown.length ? `${listId}-${highlight}` : undefined;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  // Opened without typing, the list starts at the chosen zone rather than at the top.
  const show = () => {
    setOpen(true);
    setTyped(null);
    setHighlight(options.findIndex((o) => o.value === value));
  };
  const close = () => {
    setOpen(false);
    setTyped(null);
    setHighlight(-1);
  };
  const pick = (option: FieldOption) => {
    onChange(option.value);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!open) show();
        else setHighlight((h) => movedHighlight(h, shown.length, event.key as 'ArrowDown'));
        return;
      case 'Enter': {
        const chosen = expanded ? shown[highlight] : undefined;
        if (!chosen) return;
        event.preventDefault();
        pick(chosen);
        return;
      }
      case 'Escape':
        // Only the list closes, putting the chosen zone back; the next Escape leaves the field.
        if (!open) return;
        event.preventDefault();
        close();
        return;
    }
  };

  return (
    <div className="suggest">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        placeholder="Type a city or region, e.g. Berlin"
        value={typed ?? chosenLabel}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onClick={(e) => {
          if (open || readOnly) return;
          show();
          // Typing then searches afresh instead of adding to the chosen zone's label.
          e.currentTarget.select();
        }}
        onBlur={close}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setOpen(true);
          setTyped(e.target.value);
          // The first match is the one Enter takes, as the highlight shows.
          setHighlight(0);
        }}
      />
      <ul
        className="suggest-list"
        id={listId}
        role="listbox"
        aria-label="Time zones"
        hidden={!expanded}
      >
        {expanded &&
          shown.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlight}
              className={`suggest-option time-zone-option${i === highlight ? ' active' : ''}${o.value === value ? ' chosen' : ''}`}
              // Picked before the box loses the focus, which would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              {o.label}
            </li>
          ))}
      </ul>
      {open && typed !== null && shown.length === 0 && (
        <p className="field-help" role="status">
          No time zone matches “{typed.trim()}”.
        </p>
      )}
    </div>
  );
}
