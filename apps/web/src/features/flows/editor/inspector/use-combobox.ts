import { useEffect, useState, type KeyboardEvent } from 'react';
import { movedHighlight } from '../../graph/suggestions.js';

/**
 * The list half of an ARIA combobox (a text box with a list of choices under it): whether the
 * list is open, what was typed to narrow it, which choice is highlighted, and the keys that work
 * it. SuggestInput and TimeZonePicker differ only in the rules below, so the keys behave the
 * same wherever a form offers a list.
 */
export interface ComboboxRules {
  /** Whether the arrow key that opens the list also moves the highlight (to the first or last). */
  arrowMovesOnOpen: boolean;
  /**
   * Whether Escape closes a list that is open but shows no choice: a picker that says "no match"
   * under the box is open even when nothing is listed, and Escape puts its chosen value back.
   */
  escapeClosesEmpty: boolean;
}

export type ComboboxKeyAction =
  | { kind: 'ignore' }
  | { kind: 'open' }
  | { kind: 'move'; highlight: number }
  | { kind: 'pick'; index: number }
  | { kind: 'close' };

/** What a key does to the list; 'ignore' lets the key through (Tab, typing, Escape leaving). */
export function comboboxKeyAction(
  key: string,
  list: { open: boolean; highlight: number; shownCount: number },
  rules: ComboboxRules,
): ComboboxKeyAction {
  const expanded = list.open && list.shownCount > 0;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp':
      if (!list.open && !rules.arrowMovesOnOpen) return { kind: 'open' };
      // A list opening by an arrow starts from no highlight, so Down lands on the first choice.
      return {
        kind: 'move',
        highlight: movedHighlight(list.open ? list.highlight : -1, list.shownCount, key),
      };
    case 'Enter':
      return expanded && list.highlight >= 0 && list.highlight < list.shownCount
        ? { kind: 'pick', index: list.highlight }
        : { kind: 'ignore' };
    case 'Escape':
      // Only the list closes; the next Escape leaves the field, as elsewhere in the panel.
      return expanded || (list.open && rules.escapeClosesEmpty)
        ? { kind: 'close' }
        : { kind: 'ignore' };
    default:
      return { kind: 'ignore' };
  }
}

export function useCombobox<T>({
  listId,
  readOnly,
  search,
  openAt,
  onPick,
  rules,
}: {
  listId: string;
  readOnly: boolean;
  /** The choices listed for what was typed; null when the list opened without typing. */
  search: (typed: string | null) => readonly T[];
  /** The choice highlighted when the list opens (-1: none). */
  openAt: () => number;
  onPick: (choice: T) => void;
  rules: ComboboxRules;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(-1);
  const shown = search(typed);
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
    setHighlight(openAt());
  };
  const close = () => {
    setOpen(false);
    setTyped(null);
    setHighlight(-1);
  };
  const pick = (choice: T) => {
    onPick(choice);
    close();
  };
  /** The user typed into the box: the list opens, narrowed, with this choice highlighted. */
  const type = (text: string, highlighted: number) => {
    setOpen(true);
    setTyped(text);
    setHighlight(highlighted);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly) return;
    const action = comboboxKeyAction(
      event.key,
      { open, highlight, shownCount: shown.length },
      rules,
    );
    if (action.kind === 'ignore') return;
    event.preventDefault();
    if (action.kind === 'open') show();
    else if (action.kind === 'move') {
      if (!open) {
        setOpen(true);
        setTyped(null);
      }
      setHighlight(action.highlight);
    } else if (action.kind === 'pick') pick(shown[action.index] as T);
    else close();
  };

  return { open, typed, highlight, shown, expanded, activeId, show, close, pick, type, onKeyDown };
}
