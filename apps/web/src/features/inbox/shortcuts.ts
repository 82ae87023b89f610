/** Keyboard-first review: one key per action, never while the reviewer is typing. */
export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'approve'
  | 'edit'
  | 'requestChanges'
  | 'reject'
  | 'undo'
  | 'help'
  | 'close'
  | 'submit';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  description: string;
}

/** The one list the dispatcher and the help dialog both read. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j'], action: 'next', description: 'Next task' },
  { keys: ['k'], action: 'previous', description: 'Previous task' },
  { keys: ['a'], action: 'approve', description: 'Approve (with your edits, if any)' },
  { keys: ['e'], action: 'edit', description: 'Edit the content in place' },
  { keys: ['c'], action: 'requestChanges', description: 'Request changes (note required)' },
  { keys: ['r'], action: 'reject', description: 'Reject (reason and tags required)' },
  { keys: ['z'], action: 'undo', description: 'Undo your last decision (while it is held)' },
  { keys: ['?'], action: 'help', description: 'Show these shortcuts' },
  { keys: ['Escape'], action: 'close', description: 'Close a dialog or stop editing' },
  { keys: ['Ctrl+Enter', '⌘+Enter'], action: 'submit', description: 'Save / send the open form' },
];

/** The parts of a KeyboardEvent the dispatcher reads, so it runs without a DOM. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'time',
]);

/** True when keys go into a field: letters there are text, not commands. */
export function isTypingTarget(target: KeyInput['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target.type ?? 'text').toLowerCase());
  return false;
}

const SINGLE_KEYS: Record<string, ShortcutAction> = Object.fromEntries(
  SHORTCUTS.filter((s) => s.keys.length === 1 && s.keys[0]!.length === 1).map((s) => [
    s.keys[0]!,
    s.action,
  ]),
);

/**
 * The action a key press asks for, or null. Escape and Ctrl/⌘+Enter work everywhere (they
 * leave or submit a field); letters only outside text fields and without modifiers, so
 * browser shortcuts (Ctrl+R, ⌘+C) keep working.
 */
export function resolveShortcut(input: KeyInput): ShortcutAction | null {
  if (input.key === 'Escape') return 'close';
  if (input.key === 'Enter' && (input.ctrlKey || input.metaKey)) return 'submit';
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (isTypingTarget(input.target)) return null;
  const key = input.key.length === 1 && input.key !== '?' ? input.key.toLowerCase() : input.key;
  return SINGLE_KEYS[key] ?? null;
}

/** The action a key press in the page asks for (see resolveShortcut). */
export function shortcutOf(event: KeyboardEvent): ShortcutAction | null {
  return resolveShortcut({
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    target: event.target as HTMLElement | null,
  });
}
