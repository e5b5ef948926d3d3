// The deck's keyboard shortcuts: one table drives both the key handling and the "?" dialog.

export type ShortcutAction =
  | { kind: 'nextPost' }
  | { kind: 'previousPost' }
  | { kind: 'reply' }
  | { kind: 'claim' }
  /** Opens a menu of the focused post's case: "Assign" (m), "Snooze" (s), "Add tag" (t). */
  | { kind: 'caseMenu'; button: 'Assign' | 'Snooze' | 'Add tag' }
  | { kind: 'resolve' }
  | { kind: 'note' }
  | { kind: 'addColumn' }
  | { kind: 'focusColumn'; index: number }
  | { kind: 'searchArchive' }
  | { kind: 'showShortcuts' }
  | { kind: 'moveColumn'; direction: -1 | 1 };

export interface ShortcutHelp {
  /** Keys as the dialog prints them. */
  keys: string[];
  description: string;
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: ['j'], description: 'Next post in the column' },
  { keys: ['k'], description: 'Previous post in the column' },
  { keys: ['r'], description: 'Reply to the focused post' },
  { keys: ['c'], description: 'Assign the focused post to me (a team handle’s)' },
  { keys: ['m'], description: 'Assign the focused post to…' },
  { keys: ['e'], description: 'Resolve the focused post’s case' },
  { keys: ['s'], description: 'Snooze the focused post’s case' },
  { keys: ['n'], description: 'Add an internal note to the focused post’s case' },
  { keys: ['t'], description: 'Tag the focused post’s case' },
  { keys: ['a'], description: 'Add a column' },
  { keys: ['1', '…', '9'], description: 'Go to column 1 to 9' },
  { keys: ['/'], description: 'Search the archive' },
  { keys: ['Alt', '←'], description: 'Move the focused column left' },
  { keys: ['Alt', '→'], description: 'Move the focused column right' },
  { keys: ['?'], description: 'Show these shortcuts' },
  { keys: ['Esc'], description: 'Close a dialog, menu or the reply panel' },
];

/** The parts of a KeyboardEvent the map reads (so it is testable without a DOM). */
export interface KeyInput {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** True when focus is in a text field, select, or editable content: keys are typing then. */
  typing: boolean;
}

const PLAIN: Readonly<Record<string, ShortcutAction>> = {
  j: { kind: 'nextPost' },
  k: { kind: 'previousPost' },
  r: { kind: 'reply' },
  c: { kind: 'claim' },
  m: { kind: 'caseMenu', button: 'Assign' },
  e: { kind: 'resolve' },
  s: { kind: 'caseMenu', button: 'Snooze' },
  n: { kind: 'note' },
  t: { kind: 'caseMenu', button: 'Add tag' },
  a: { kind: 'addColumn' },
  '/': { kind: 'searchArchive' },
  '?': { kind: 'showShortcuts' },
};

/** The action a key stands for, or null (the key then does what it normally does). */
export function resolveShortcut(input: KeyInput): ShortcutAction | null {
  if (input.typing || input.ctrlKey || input.metaKey) return null;
  if (input.altKey) {
    if (input.key === 'ArrowLeft') return { kind: 'moveColumn', direction: -1 };
    if (input.key === 'ArrowRight') return { kind: 'moveColumn', direction: 1 };
    return null;
  }
  if (/^[1-9]$/.test(input.key)) return { kind: 'focusColumn', index: Number(input.key) - 1 };
  return PLAIN[input.key] ?? null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Whether an element with this tag / input type / editability takes typed characters. */
export function isTypingTarget(tagName: string, inputType: string | null, editable: boolean): boolean {
  const tag = tagName.toLowerCase();
  if (editable || tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && TEXT_INPUT_TYPES.has((inputType ?? 'text').toLowerCase());
}

/**
 * The post a step of `delta` leads to in a column of `count`, held at the ends. With no post
 * focused yet the reader starts at `first` (the first one on screen). -1 when the column is empty.
 */
export function stepIndex(current: number, delta: number, count: number, first = 0): number {
  if (count <= 0) return -1;
  if (current < 0) return Math.min(count - 1, Math.max(0, first));
  return Math.min(count - 1, Math.max(0, current + delta));
}
