import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  applySuggestion,
  filterSuggestions,
  openVariableAt,
  type OpenVariable,
  type VariableSuggestion,
} from '../../graph/variables.js';

/**
 * A textarea for Liquid templates: typing `{{` opens a list of the variables available at this
 * step (input fields, earlier steps' outputs, brand kit); arrows pick, Enter or Tab inserts.
 */
export function PromptEditor({
  id,
  value,
  onChange,
  suggestions,
  rows = 6,
  describedBy,
  readOnly,
  invalid,
  json,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  suggestions: VariableSuggestion[];
  rows?: number;
  describedBy?: string;
  readOnly?: boolean;
  invalid?: boolean;
  /**
   * The template renders JSON (a webhook body): a variable goes in as `{{ path | json }}`, which
   * quotes and escapes text, so what is inserted keeps the body valid JSON.
   */
  json?: boolean;
}) {
  const reference = (path: string) => (json ? `${path} | json` : path);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [open, setOpen] = useState<OpenVariable | null>(null);
  const [active, setActive] = useState(0);
  const matches = useMemo(
    () => (open ? filterSuggestions(suggestions, open.query).slice(0, 12) : []),
    [open, suggestions],
  );
  const showList = !!open && matches.length > 0;

  /**
   * Where the caret goes once the inserted text is on screen. Placed as React commits it, not a
   * frame later: a key typed in between (a fast typist after Enter) went to the end of the text
   * and the late caret then jumped back before it.
   */
  const placeCaret = useRef<{ text: string; caret: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const pending = placeCaret.current;
    if (!el || !pending || el.value !== pending.text) return;
    placeCaret.current = null;
    el.focus();
    el.setSelectionRange(pending.caret, pending.caret);
  });

  const refresh = (text: string, caret: number) => {
    const next = openVariableAt(text, caret);
    setOpen(next);
    if (next?.query !== open?.query) setActive(0);
  };

  const insert = (path: string) => {
    const el = ref.current;
    if (!el || !open) return;
    const result = applySuggestion(value, el.selectionStart, open, reference(path));
    onChange(result.text);
    setOpen(null);
    placeCaret.current = { text: result.text, caret: result.caret };
  };

  const insertFromChip = (variable: string) => {
    const path = reference(variable);
    const el = ref.current;
    if (!el || readOnly) return;
    const at = el.selectionStart ?? value.length;
    const text = `${value.slice(0, at)}{{ ${path} }}${value.slice(el.selectionEnd ?? at)}`;
    onChange(text);
    placeCaret.current = { text, caret: at + path.length + 6 };
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!showList) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(matches[active]!.path);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(null);
    }
  };

  return (
    <div className="prompt-editor">
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        value={value}
        readOnly={readOnly}
        spellCheck
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          refresh(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => refresh(value, e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setOpen(null), 150)}
      />
      {showList && (
        <ul className="var-list" id={listId} role="listbox" aria-label="Variables">
          {matches.map((s, i) => (
            <li
              key={s.path}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(s.path);
              }}
            >
              <code>{s.path}</code>
              <span className="var-detail">{s.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && suggestions.length > 0 && (
        // A group, so its name is read: on a bare div the label was ignored and the chips were
        // announced as buttons named "input.topic" with nothing saying they insert it.
        <div className="var-chips" role="group" aria-label="Insert a variable">
          <span className="muted small">Insert:</span>
          {suggestions
            .filter((s) => s.group !== 'Brand')
            .slice(0, 6)
            .map((s) => (
              <button
                key={s.path}
                type="button"
                className="var-chip"
                title={s.detail}
                onClick={() => insertFromChip(s.path)}
              >
                {s.path}
              </button>
            ))}
          <span className="muted small">or type {'{{'}</span>
        </div>
      )}
    </div>
  );
}
