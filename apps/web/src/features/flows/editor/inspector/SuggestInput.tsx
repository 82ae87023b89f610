import type { FieldOption } from '../../graph/schema-form.js';
import { matchingSuggestions } from '../../graph/suggestions.js';
import { useCombobox } from './use-combobox.js';

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
  const listId = `${id}-values`;
  const box = useCombobox<FieldOption>({
    listId,
    readOnly,
    // Narrowed only once the user types: opened on a filled box, the list shows every choice.
    search: (typed) => matchingSuggestions(options, typed ?? ''),
    openAt: () => -1,
    onPick: (option) => onChange(option.value),
    rules: { arrowMovesOnOpen: true, escapeClosesEmpty: false },
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
        placeholder={placeholder}
        value={value}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onClick={() => !box.open && box.show()}
        onBlur={box.close}
        onKeyDown={box.onKeyDown}
        onChange={(e) => {
          onChange(e.target.value);
          box.type(e.target.value, -1);
        }}
      />
      <ul className="suggest-list" id={listId} role="listbox" hidden={!box.expanded}>
        {box.shown.map((o, i) => (
          <li
            key={o.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === box.highlight}
            className={i === box.highlight ? 'suggest-option active' : 'suggest-option'}
            // Picked before the box loses the focus, which would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              box.pick(o);
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
