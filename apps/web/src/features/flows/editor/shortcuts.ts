export type EditorCommand =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'save'
  | 'layout'
  | 'fit'
  | 'select-all'
  | 'help'
  | 'leave-field'
  | 'close-panel';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const SHORTCUT_HELP: { keys: string; does: string }[] = [
  { keys: 'Ctrl/⌘ Z', does: 'Undo' },
  { keys: 'Ctrl/⌘ Shift Z  or  Ctrl/⌘ Y', does: 'Redo' },
  { keys: 'Ctrl/⌘ C / V', does: 'Copy / paste steps' },
  { keys: 'Ctrl/⌘ D', does: 'Duplicate selected steps' },
  { keys: 'Delete / Backspace', does: 'Delete selected steps and connections' },
  { keys: 'Ctrl/⌘ S', does: 'Save the draft now' },
  { keys: 'Ctrl/⌘ A', does: 'Select everything' },
  { keys: 'L', does: 'Tidy up (auto-layout)' },
  { keys: 'F', does: 'Fit to screen' },
  {
    keys: 'Esc',
    does: 'Leave a settings field; again: close the settings and clear the selection',
  },
  { keys: '?', does: 'Show these shortcuts' },
];

/**
 * The editor command a key press means, or null. Typing in a form field never triggers one.
 * Escape closes the step settings, but from a field it first only leaves the field: a user who
 * presses it mid-edit means "done with this field", and losing the whole panel would surprise.
 */
export function commandFor(event: KeyLike, inTextField: boolean): EditorCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === 's') return 'save';
  if (key === 'escape' && !mod && !event.altKey) return inTextField ? 'leave-field' : 'close-panel';
  if (inTextField) return null;
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'c') return 'copy';
  if (mod && key === 'v') return 'paste';
  if (mod && key === 'd') return 'duplicate';
  if (mod && key === 'a') return 'select-all';
  if (mod || event.altKey) return null;
  if (key === 'delete' || key === 'backspace') return 'delete';
  if (key === 'l') return 'layout';
  if (key === 'f') return 'fit';
  if (event.key === '?') return 'help';
  return null;
}

export function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true;
}
