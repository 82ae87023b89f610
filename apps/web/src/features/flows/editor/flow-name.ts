/** What the name field says while the name cannot be saved. */
export const EMPTY_NAME_PROBLEM = 'Give the flow a name';

/**
 * What is wrong with a name as typed in the toolbar, or null. An empty (or blank) name is
 * refused by the server, and sending it failed every autosave, the graph edits with it.
 */
export function flowNameProblem(typed: string): string | null {
  return typed.trim() === '' ? EMPTY_NAME_PROBLEM : null;
}

/**
 * The name autosave sends: the one typed when it can be saved, else the last one that could,
 * so the designer's other edits keep saving while the field is being fixed.
 */
export function nameToSave(typed: string, lastGood: string): string {
  return flowNameProblem(typed) === null ? typed : lastGood;
}
