import { fractionToPercent, percentToFraction } from '../../graph/units.js';
import type { NumberInputProps } from './NumberInput.js';
import { UnitNumberInput } from './UnitNumberInput.js';

/**
 * A share stored as a fraction (0.1), shown and typed as a percentage (10) with the % beside
 * the box: a marketer types 10 for 10 %, and read as a fraction that was refused as "At most 1".
 */
export function PercentInput({ value, onChange, ...rest }: Omit<NumberInputProps, 'integer'>) {
  return (
    <UnitNumberInput
      unit="%"
      value={value === undefined ? undefined : fractionToPercent(value)}
      onChange={(percent) =>
        onChange(percent === undefined ? undefined : percentToFraction(percent))
      }
      {...rest}
    />
  );
}
