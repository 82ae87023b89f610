/** A field of the trigger.manual form, as the node catalog declares it. */
export interface InputFieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'longtext' | 'number' | 'url' | 'select';
  required: boolean;
  options: string[];
  help?: string;
  /** A schedule's fixed value: the test-run form starts with it, and it may be left as it is. */
  initial?: string;
}

type DraftField = Partial<InputFieldSpec> & { value?: unknown };

/**
 * The trigger's form fields from its config, tolerating half-filled entries while editing. A
 * schedule's input values (label, name, value) are optional long texts filled with their value,
 * as the engine takes them: a test run of a scheduled flow asks for nothing it already has.
 */
export function inputFieldsOf(config: Record<string, unknown> | undefined): InputFieldSpec[] {
  const raw = Array.isArray(config?.fields) ? (config.fields as DraftField[]) : [];
  return raw
    .filter((f) => typeof f.name === 'string' && f.name)
    .map((f) => {
      const initial = typeof f.value === 'string' ? f.value : undefined;
      return {
        name: f.name!,
        label: f.label || f.name!,
        kind: (f.kind ?? (initial !== undefined ? 'longtext' : 'text')) as InputFieldSpec['kind'],
        required: f.required ?? initial === undefined,
        options: Array.isArray(f.options) ? f.options : [],
        ...(f.help ? { help: f.help } : {}),
        ...(initial !== undefined ? { initial } : {}),
      };
    });
}

/** The form's starting values: a schedule's fixed values, nothing for a form's fields. */
export function initialRunValues(fields: readonly InputFieldSpec[]): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap((f) => (f.initial !== undefined ? [[f.name, f.initial]] : [])),
  );
}

/**
 * Turns the test-run form's strings into the run input, with a message per field that is
 * missing or malformed (the server checks again against the trigger's schema).
 */
export function buildRunInput(
  fields: readonly InputFieldSpec[],
  values: Record<string, string>,
): { input: Record<string, string | number>; errors: Record<string, string> } {
  const input: Record<string, string | number> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (!raw) {
      if (field.required) errors[field.name] = 'Required';
      continue;
    }
    switch (field.kind) {
      case 'number': {
        const n = Number(raw);
        if (!Number.isFinite(n)) errors[field.name] = 'Enter a number';
        else input[field.name] = n;
        break;
      }
      case 'url':
        if (!/^https?:\/\/\S+$/i.test(raw))
          errors[field.name] = 'Enter a web address (http or https)';
        else input[field.name] = raw;
        break;
      case 'select':
        if (!field.options.includes(raw))
          errors[field.name] = `Choose one of: ${field.options.join(', ')}`;
        else input[field.name] = raw;
        break;
      case 'longtext':
        input[field.name] = values[field.name] ?? '';
        break;
      default:
        input[field.name] = raw;
    }
  }
  return { input, errors };
}

/** The first field, in the form's order, with something to fix: where the keyboard goes. */
export function firstInvalidField(
  fields: readonly InputFieldSpec[],
  errors: Record<string, string>,
): string | null {
  return fields.find((f) => errors[f.name])?.name ?? null;
}

/** Ctrl+Enter (Cmd+Enter on a Mac) sends the form from any field, as in the reviewer dialogs. */
export function isSubmitShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
}): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}
