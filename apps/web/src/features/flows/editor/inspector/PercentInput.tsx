import { fractionToPercent, percentToFraction } from '../../graph/units.js';
import { NumberInput } from './NumberInput.js';

/**
 * A share stored as a fraction (0.1), shown and typed as a percentage (10) with the % beside
 * the box: a marketer types 10 for 10 %, and read as a fraction that was refused as "At most 1".
 */
export function PercentInput({
  id,
  value,
  onChange,
  min,
  max,
  step,
  readOnly,
  describedBy,
  invalid,
}: {
  id: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number | undefined;
  max?: number | undefined;
  step?: number | undefined;
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const unitId = `${id}-unit`;
  return (
    <div className="input-with-unit">
      <NumberInput
        id={id}
        value={value === undefined ? undefined : fractionToPercent(value)}
        onChange={(percent) =>
          onChange(percent === undefined ? undefined : percentToFraction(percent))
        }
        min={min}
        max={max}
        step={step}
        readOnly={readOnly}
        describedBy={[describedBy, unitId].filter(Boolean).join(' ')}
        invalid={invalid}
      />
      <span className="input-unit" id={unitId}>
        %
      </span>
    </div>
  );
}
