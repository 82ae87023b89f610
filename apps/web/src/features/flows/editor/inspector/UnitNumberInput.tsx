import { NumberInput, type NumberInputProps } from './NumberInput.js';

/** A number box with its unit ("%") beside it, the unit read out with the box's description. */
export function UnitNumberInput({
  unit,
  id,
  describedBy,
  ...rest
}: NumberInputProps & { unit: string }) {
  const unitId = `${id}-unit`;
  return (
    <div className="input-with-unit">
      <NumberInput
        id={id}
        {...rest}
        describedBy={[describedBy, unitId].filter(Boolean).join(' ')}
      />
      <span className="input-unit" id={unitId}>
        {unit}
      </span>
    </div>
  );
}
