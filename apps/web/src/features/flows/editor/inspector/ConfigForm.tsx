import { outputFieldOptions, type DeclaredOutputs } from '../../graph/declared-outputs.js';
import { shortValuesFirst, type VariableSuggestion } from '../../graph/variables.js';
import { groupFields, hasProblemAt, isFieldShown } from '../../graph/form-layout.js';
import type { FormField } from '../../graph/schema-form.js';
import type { PickerDirectory } from '../use-directory.js';
import { AdvancedGroup } from './AdvancedGroup.js';
import { ChipsField, OptionSelect, ToggleField } from './ChoiceFields.js';
import { ConnectionPicker } from './ConnectionPicker.js';
import { DurationInput } from './DurationInput.js';
import { FieldNote } from './FieldNote.js';
import { JsonInput } from './JsonInput.js';
import { NumberInput } from './NumberInput.js';
import { UnitNumberInput } from './UnitNumberInput.js';
import { ObjectList } from './ObjectList.js';
import { PeoplePicker } from './PeoplePicker.js';
import { PercentInput } from './PercentInput.js';
import { PromptEditor } from './PromptEditor.js';
import { StepPicker } from './StepPicker.js';
import { StringList } from './StringList.js';
import { SuggestInput } from './SuggestInput.js';
import { TimeZonePicker } from './TimeZonePicker.js';
import { VariableInput } from './VariableInput.js';

export interface FormContext {
  suggestions: VariableSuggestion[];
  /** Steps before this one, for "which content" pickers. */
  upstream: { id: string; title: string }[];
  /** Every step in the flow, to tell a chosen step not before this one from a deleted one. */
  stepIds: ReadonlySet<string>;
  /** Errors keyed by field path joined with ".", e.g. "rules.0.path": they stop publishing. */
  errors: Record<string, string>;
  /** Warnings, keyed the same way: the flow publishes, but the step will not work as meant. */
  warnings: Record<string, string>;
  readOnly: boolean;
  /** Saved connections and people, for the fields that hold their ids. */
  directory: PickerDirectory;
  /** The structured fields of the AI step this one reads, for the fields that name them. */
  declared: DeclaredOutputs | null;
}

const keyOf = (path: (string | number)[]) => path.join('.');

/** A form generated from a node type's JSON Schema; every change returns the whole new object. */
export function ConfigForm({
  fields,
  value,
  onChange,
  context,
  idPrefix,
  path = [],
}: {
  fields: FormField[];
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  context: FormContext;
  idPrefix: string;
  path?: (string | number)[];
}) {
  const set = (key: string, next: unknown) => {
    const copy = { ...value };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange(copy);
  };
  const { common, advanced } = groupFields(fields.filter((f) => isFieldShown(f, fields, value)));
  const control = (field: FormField) => (
    <FieldControl
      key={field.key}
      field={field}
      siblings={fields}
      values={value}
      value={value[field.key]}
      onChange={(next) => set(field.key, next)}
      context={context}
      id={`${idPrefix}-${[...path, field.key].join('-')}`}
      path={[...path, field.key]}
    />
  );
  const inAdvanced = (problems: Record<string, string>) =>
    advanced.some((f) => hasProblemAt(problems, keyOf([...path, f.key])));
  const advancedProblem = inAdvanced(context.errors)
    ? 'error'
    : inAdvanced(context.warnings)
      ? 'warning'
      : null;
  return (
    <div className="config-form">
      {common.map(control)}
      {advanced.length > 0 && (
        <AdvancedGroup
          id={[idPrefix, ...path].join('-')}
          labels={advanced.map((f) => f.label)}
          problem={advancedProblem}
        >
          {advanced.map(control)}
        </AdvancedGroup>
      )}
    </div>
  );
}

function FieldControl({
  field,
  siblings,
  values,
  value,
  onChange,
  context,
  id,
  path,
}: {
  field: FormField;
  /** The fields beside this one and their values, for a choice that depends on another. */
  siblings: readonly FormField[];
  values: Record<string, unknown>;
  value: unknown;
  onChange: (value: unknown) => void;
  context: FormContext;
  id: string;
  path: (string | number)[];
}) {
  // A key left out of the config takes its schema default on the server; show that value.
  if (value === undefined && field.schema.default !== undefined) value = field.schema.default;
  const error = context.errors[keyOf(path)];
  const warning = context.warnings[keyOf(path)];
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const warningId = warning ? `${id}-warning` : undefined;
  const describedBy = [helpId, errorId, warningId].filter(Boolean).join(' ') || undefined;
  const ro = context.readOnly;
  // A warning does not make the value invalid: the flow publishes with it.
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
  // The same, for the form's own boxes.
  const box = { id, readOnly: context.readOnly, describedBy, invalid: !!error };
  const numberBox = {
    ...box,
    value: typeof value === 'number' ? value : undefined,
    onChange,
    min: field.min,
    max: field.max,
  };
  const state = error ? ' field-invalid' : warning ? ' field-warned' : '';
  // Help, then what is wrong: an error stops publishing, a warning only says what will fail.
  const notes = (
    <>
      {field.help && (
        <p className="field-help" id={helpId}>
          {field.help}
        </p>
      )}
      {error && (
        <FieldNote severity="error" id={errorId}>
          {error}
        </FieldNote>
      )}
      {warning && (
        <FieldNote severity="warning" id={warningId}>
          {warning}
        </FieldNote>
      )}
    </>
  );
  const text = typeof value === 'string' ? value : '';
  // Optional fields are removed when emptied, so they fall back to their defaults on the server.
  const setText = (v: string) =>
    onChange(v === '' && !field.required && field.schema.minLength === undefined ? undefined : v);

  let control: React.ReactNode;
  switch (field.kind) {
    case 'text':
      control = (
        <input
          {...common}
          type="text"
          value={text}
          readOnly={ro}
          onChange={(e) => setText(e.target.value)}
        />
      );
      break;
    case 'textarea':
      control = (
        <textarea
          {...common}
          rows={3}
          value={text}
          readOnly={ro}
          onChange={(e) => setText(e.target.value)}
        />
      );
      break;
    case 'template':
      control = (
        <PromptEditor
          {...box}
          value={text}
          onChange={setText}
          suggestions={
            field.singleLine ? shortValuesFirst(context.suggestions) : context.suggestions
          }
          rows={field.key === 'prompt' ? 7 : 4}
          json={field.schema.renders === 'json'}
        />
      );
      break;
    case 'number':
      control = field.unitLabel ? (
        <UnitNumberInput
          {...numberBox}
          unit={field.unitLabel}
          step={field.step}
          integer={field.integer}
        />
      ) : (
        <NumberInput {...numberBox} step={field.step} integer={field.integer} />
      );
      break;
    case 'percent':
      control = <PercentInput {...numberBox} step={field.step} />;
      break;
    case 'duration':
      control = (
        <DurationInput
          {...numberBox}
          label={field.label}
          base={field.baseUnit ?? 'minutes'}
          units={field.units ?? []}
          integer={field.integer ?? false}
        />
      );
      break;
    case 'boolean':
      return (
        <ToggleField
          id={id}
          label={field.label}
          checked={value === true}
          onChange={onChange}
          readOnly={ro}
          describedBy={describedBy}
          className={`field field-toggle${state}`}
          notes={notes}
        />
      );
    case 'select':
      control = (
        <OptionSelect
          {...common}
          field={field}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          readOnly={ro}
        />
      );
      break;
    case 'roles':
    case 'multiselect':
      return (
        <ChipsField
          field={field}
          selected={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          readOnly={ro}
          describedBy={describedBy}
          className={`field chips-field${state}`}
          notes={notes}
        />
      );
    case 'string-list':
      control = (
        <StringList
          id={id}
          values={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          readOnly={ro}
          describedBy={describedBy}
          invalid={!!error}
          itemErrors={(i) => context.errors[keyOf([...path, i])]}
        />
      );
      break;
    case 'object-list':
      return (
        <ObjectList
          field={field}
          items={Array.isArray(value) ? (value as Record<string, unknown>[]) : []}
          onChange={onChange}
          readOnly={ro}
          className={`field object-list${state}`}
          describedBy={describedBy}
          notes={notes}
          renderItem={(item, i, onItemChange) => (
            <ConfigForm
              fields={field.itemFields ?? []}
              value={item}
              onChange={onItemChange}
              context={context}
              idPrefix={id}
              path={[...path, i]}
            />
          )}
        />
      );
    case 'variable':
      control = (
        <VariableInput {...box} value={text} onChange={setText} suggestions={context.suggestions} />
      );
      break;
    case 'output-field':
      control = (
        <SuggestInput
          {...box}
          value={text}
          onChange={setText}
          options={outputFieldOptions(field, siblings, values, context.declared)}
          placeholder="Choose or type a name"
        />
      );
      break;
    case 'time-zone':
      control = <TimeZonePicker {...box} value={text} onChange={onChange} />;
      break;
    case 'node-ref':
      control = (
        <StepPicker
          common={common}
          value={text}
          onChange={setText}
          upstream={context.upstream}
          stepIds={context.stepIds}
          readOnly={ro}
        />
      );
      break;
    case 'connection':
      control = (
        <ConnectionPicker
          id={id}
          kind={field.connectionKind}
          value={text}
          onChange={setText}
          list={context.directory.connections}
          canManageConnections={context.directory.canManageConnections}
          readOnly={ro}
          describedBy={describedBy}
          error={error}
          warning={warning}
        />
      );
      break;
    case 'people':
      return (
        <PeoplePicker
          id={id}
          label={field.label}
          help={field.help}
          error={error}
          warning={warning}
          selected={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          list={context.directory.people}
          readOnly={ro}
        />
      );
    case 'json':
      control = (
        <JsonInput
          id={id}
          value={value}
          onChange={onChange}
          readOnly={ro}
          describedBy={describedBy}
          invalid={!!error}
        />
      );
      break;
  }
  return (
    <div className={`field${state}`}>
      <label className="field-label" htmlFor={id}>
        {field.label}
        {field.required && <span className="field-required">*</span>}
      </label>
      {control}
      {notes}
    </div>
  );
}
