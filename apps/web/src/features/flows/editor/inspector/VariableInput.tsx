import type { VariableSuggestion } from '../../graph/variables.js';
import { SuggestInput } from './SuggestInput.js';

/**
 * A field that names one earlier value (`steps.check.passed`): typed, or picked from the values
 * available at this step, each listed with what it is.
 */
export function VariableInput({
  suggestions,
  ...props
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  suggestions: readonly VariableSuggestion[];
  readOnly: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  return (
    <SuggestInput
      {...props}
      options={suggestions.map((s) => ({ value: s.path, label: s.detail }))}
      placeholder="Choose or type a value"
    />
  );
}
