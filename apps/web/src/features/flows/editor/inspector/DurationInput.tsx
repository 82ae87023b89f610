import { useState } from 'react';
import { fromBase, largestWholeUnit, toBase, unitName, type TimeUnit } from '../../graph/units.js';
import { NumberInput } from './NumberInput.js';

/**
 * A length of time typed with its unit ("2 days"), stored in the unit the step expects (2880
 * minutes). A stored value opens in the largest unit that holds it whole (1440 minutes: 1 day).
 * The unit picked stays while the step is open: derived from the value, it jumped from hours to
 * minutes under the designer's hands as soon as they typed 1.5.
 */
export function DurationInput({
  id,
  label,
  value,
  onChange,
  base,
  units,
  integer,
  min,
  max,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  /** The field's label, to name the unit's list ("Due after unit"). */
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  base: TimeUnit;
  units: readonly TimeUnit[];
  integer: boolean;
  min?: number | undefined;
  max?: number | undefined;
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  // An empty field starts in hours where they are offered: deadlines are rarely set in minutes.
  const [unit, setUnit] = useState<TimeUnit>(() =>
    value !== undefined
      ? largestWholeUnit(value, base, units)
      : units.includes('hours')
        ? 'hours'
        : base,
  );
  const amount = value === undefined ? undefined : fromBase(value, base, unit);
  const store = (typed: number, in_: TimeUnit) => {
    const stored = toBase(typed, in_, base);
    // 1.5 hours is 90 minutes; 0.01 hours is not a whole minute, so it is rounded to one.
    return integer ? Math.round(stored) : stored;
  };
  // The box's bounds in the unit shown, where they are whole: a fractional min would also shift
  // the steps the arrows take (from 0.0167 to 1.0167 hours).
  const inUnit = (bound: number | undefined) => {
    if (bound === undefined) return undefined;
    const shown = fromBase(bound, base, unit);
    return Number.isInteger(shown) ? shown : undefined;
  };
  return (
    <div className="input-with-unit">
      <NumberInput
        id={id}
        value={amount}
        onChange={(typed) => onChange(typed === undefined ? undefined : store(typed, unit))}
        min={inUnit(min) ?? 0}
        max={inUnit(max)}
        step={1}
        readOnly={readOnly}
        describedBy={describedBy}
        invalid={invalid}
      />
      <select
        aria-label={`${label} unit`}
        value={unit}
        disabled={readOnly}
        onChange={(e) => {
          const next = e.target.value as TimeUnit;
          setUnit(next);
          // The number stays and the unit changes what it means: "2 hours" becomes "2 days".
          if (amount !== undefined) onChange(store(amount, next));
        }}
      >
        {units.map((u) => (
          <option key={u} value={u}>
            {unitName(u, amount)}
          </option>
        ))}
      </select>
    </div>
  );
}
