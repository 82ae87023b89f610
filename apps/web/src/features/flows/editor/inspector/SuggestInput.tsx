import { useEffect, useState, type KeyboardEvent } from 'react';
import type { FieldOption } from '../../graph/schema-form.js';
import { matchingSuggestions, movedHighlight } from '../../graph/suggestions.js';

/**
 * A text box that offers values to pick, each listed with what it is, and still takes one
 * typed by hand (a name the list does not know yet is not refused). An ARIA combobox: the list
 * opens with every choice on a click or an arrow key, narrows as the user types, and is worked
 * with the arrow keys, Enter and Escape. Tabbing through the form does not open it: a list
 * popping up on every box passed would cover the fields below it. It replaced a datalist, which listed only the choices matching what the box
 * already held, so a filled box hid the others until cleared.
 */
export function SuggestInput({
  id,
  value,
  onChange,
  options,
  placeholder,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly FieldOption[];
  placeholder: string;
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const [open, setOpen] = useState(false);
  // Narrowed only once the user types: opened on a filled box, the list shows every choice.
  const [typed, setTyped] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(-1);
  const listId = `${id}-values`;
  const shown = matchingSuggestions(options, typed ?? '');
  const expanded = open && !readOnly && shown.length > 0;
  const activeId =
    expanded && highlight >= 0 && highlight < shown.length ? `${listId}-${highlight}` : undefined;

  // The highlighted choice stays in view of a list that scrolls.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const show = () => {
    setOpen(true);
    setTyped(null);
    setHighlight(-1);
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
        setHighlight((h) => movedHighlight(h, shown.length, event.key as 'ArrowDown'));
        return;
      case 'Enter': {
        const chosen = expanded ? shown[highlight] : undefined;
        if (!chosen) return;
        event.preventDefault();
        pick(chosen);
        return;
      }
      case 'Escape':
        // Only the list closes; the next Escape leaves the field as elsewhere in the panel.
        if (!expanded) return;
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
        placeholder={placeholder}
        value={value}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onClick={() => !open && show()}
        onBlur={close}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setTyped(e.target.value);
          setHighlight(-1);
        }}
      />
      <ul className="suggest-list" id={listId} role="listbox" hidden={!expanded}>
        {shown.map((o, i) => (
          <li
            key={o.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === highlight}
            className={i === highlight ? 'suggest-option active' : 'suggest-option'}
            // Picked before the box loses the focus, which would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(o);
            }}
          >
            <span className="suggest-value">{o.value}</span>
            {o.label && <span className="suggest-label">{o.label}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
