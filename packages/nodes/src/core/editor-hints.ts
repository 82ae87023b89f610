import type { ConnectionKind } from '@tandem/schema';

/*
 * Hints a config field's `.meta()` may carry for the editor's form. They reach the browser in
 * the JSON Schema of `GET /api/node-types`, so the form picks a widget from the schema instead
 * of guessing from field names.
 */

/** The field holds the id of a saved connection of this kind: the form offers them by name. */
export const connectionPicker = (kind: ConnectionKind) =>
  ({ widget: 'connection', connectionKind: kind }) as const;

/** The field holds user ids: the form offers people by name, with their roles. */
export const peoplePicker = { widget: 'people' } as const;

/**
 * The field names an earlier value (`steps.check.passed`, `input.channel`): the form offers the
 * values available at the step and flags one that nothing before it provides.
 */
export const variablePicker = { widget: 'variable' } as const;

/**
 * Words for an enum's values where the value itself is a code ("json", "html", "url"): the form
 * shows these instead of the capitalised value.
 */
export const optionLabels = <T extends string>(labels: Partial<Record<T, string>>) =>
  ({ optionLabels: labels }) as const;

/**
 * The field only matters while a sibling field holds one of these values ("Choices" for a
 * choice field, "Columns" for a table): the form hides it otherwise and keeps what it holds.
 */
export const showWhen = (conditions: Record<string, readonly string[]>) =>
  ({ showWhen: conditions }) as const;

/**
 * The field matters only once these sibling fields hold a value (an escalation needs a due
 * time): the form hides it while they are empty and keeps what it holds.
 */
export const showWhenFilled = (keys: readonly string[]) => ({ showWhenFilled: keys }) as const;

/**
 * The number is a share from 0 to 1 (0.1) that people read as a percentage: the form shows and
 * takes it as 0–100 % and stores the fraction. Typed as a fraction, 10 meant 10 % and was refused.
 */
export const percentage = { widget: 'percent' } as const;

/**
 * The number is already a percentage (25 means 25 %): the form shows the % beside the box and
 * stores the number as typed. A share stored as a fraction (0.1) takes `percentage` instead.
 */
export const inPercent = { unitLabel: '%' } as const;

/**
 * The number is a length of time stored in this unit: the form takes it in that unit or a larger
 * one (minutes, hours, days) and shows a stored value in the largest that holds it whole
 * (1440 minutes as 1 day). Asked for in minutes, a two-day deadline meant typing 2880.
 */
export const duration = (unit: 'seconds' | 'minutes') => ({ widget: 'duration', unit }) as const;

/**
 * A technical setting with a working default (model, temperature, timeout, HTTP method): the form
 * puts it in a collapsed "Advanced" group after the common settings, and opens the group itself
 * when one of them has a problem.
 */
export const advanced = { group: 'advanced' } as const;

/**
 * The field names one of the structured fields its step's source AI step declares, of these
 * kinds (`table`, ...): the form offers them by name and description, still takes a typed name,
 * and warns about one the AI step does not declare.
 */
export const outputFieldPicker = (kinds: readonly string[]) =>
  ({ widget: 'output-field', fieldKinds: kinds }) as const;

/**
 * The field names a column of the table that the sibling field `tableField` names, of these
 * kinds (`number`, `text`): offered like `outputFieldPicker`, from that table's declared columns.
 */
export const outputColumnPicker = (tableField: string, kinds: readonly string[]) =>
  ({ widget: 'output-field', columnsOf: tableField, fieldKinds: kinds }) as const;

/**
 * The field may stay empty only while one of these sibling fields holds a value (a webhook takes
 * a URL or a saved connection): with all of them empty the step cannot run, and the form says so
 * with `message` on this field while the designer edits, as the publish check does. With no keys
 * the field is simply required, in `message`'s words, by the node's `lint` rather than its schema.
 */
export const requiredUnlessFilled = (keys: readonly string[], message: string) =>
  ({ requiredUnlessFilled: { keys, message } }) as const;

/**
 * The template renders a JSON document (a webhook's body): the form warns when it cannot render
 * valid JSON with sample values, before a run fails on it.
 */
export const jsonTemplate = { renders: 'json' } as const;
