import { useRef, type KeyboardEvent } from 'react';
import { AUTOMATION_LEVELS, type AutomationLevel } from '@tandem/schema';
import { LEVEL_HELP, LEVEL_LABELS } from './automation-view.js';

interface Props {
  label: string;
  value: AutomationLevel;
  onChange: (level: AutomationLevel) => void;
  disabled?: boolean;
}

/**
 * The four levels as one segmented control (a radio group): arrows move between levels,
 * the current level is announced, and a locked checkpoint shows the control disabled.
 */
export function LevelControl({ label, value, onChange, disabled }: Props) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (event: KeyboardEvent, index: number) => {
    const delta =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + AUTOMATION_LEVELS.length) % AUTOMATION_LEVELS.length;
    refs.current[next]?.focus();
    onChange(AUTOMATION_LEVELS[next]!);
  };
  return (
    <div className="segmented" role="radiogroup" aria-label={label} aria-disabled={disabled}>
      {AUTOMATION_LEVELS.map((level, i) => {
        const checked = level === value;
        return (
          <button
            key={level}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            disabled={disabled}
            title={LEVEL_HELP[level]}
            className={`segment${checked ? ' is-on' : ''}`}
            data-level={level}
            onClick={() => onChange(level)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {LEVEL_LABELS[level]}
          </button>
        );
      })}
    </div>
  );
}

/**
 * What every level does, in words on the page: it was only each button's hover tooltip, out of
 * reach on touch and unseen before picking. The level shown (in force, or being proposed) stands
 * out.
 */
export function LevelGuide({ shown }: { shown: AutomationLevel }) {
  return (
    <dl className="level-guide small">
      {AUTOMATION_LEVELS.map((level) => (
        <div key={level} className={level === shown ? 'is-shown' : undefined}>
          <dt>{LEVEL_LABELS[level]}</dt>
          <dd>{LEVEL_HELP[level]}</dd>
        </div>
      ))}
    </dl>
  );
}
