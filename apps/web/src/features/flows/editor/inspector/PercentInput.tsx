import { fractionToPercent, percentToFraction } from '../../graph/units.js';
import { NumberInput, type NumberInputProps } from './NumberInput.js';

/**
 * A share stored as a fraction (0.1), shown and typed as a percentage (10) with the % beside
 * the box: a marketer types 10 for 10 %, and read as a fraction that was refused as "At most 1".
 */
export function PercentInput({
  id,
  value,
  onChange,
  describedBy,
  ...rest
}: Omit<NumberInputProps, 'integer'>) {
  const unitId = `${id}-unit`;
  return (
    <div className="input-with-unit">
      <NumberInput
        id={id}
        value={value === undefined ? undefined : fractionToPercent(value)}
        onChange={(percent) =>
          onChange(percent === undefined ? undefined : percentToFraction(percent))
        }
        {...rest}
        describedBy={[describedBy, unitId].filter(Boolean).join(' ')}
      />
      <span className="input-unit" id={unitId}>
        %
      </span>
    </div>
  );
}
