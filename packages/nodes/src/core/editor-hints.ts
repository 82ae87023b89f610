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
