import type { Command } from '../../lib/commands.ts';

/** The inbox's keyboard shortcuts, in the order the help overlay lists them. */
export const shortcuts: readonly { keys: readonly string[]; command: Command; label: string }[] = [
  { keys: ['j'], command: 'next', label: 'Next conversation' },
  { keys: ['k'], command: 'previous', label: 'Previous conversation' },
  { keys: ['Enter', 'o'], command: 'open', label: 'Open the selected conversation' },
  { keys: ['r'], command: 'focus-composer', label: 'Reply (focus the composer)' },
  { keys: ['n'], command: 'focus-note', label: 'Write a private note' },
  { keys: ['Escape'], command: 'leave-composer', label: 'Leave the composer' },
  { keys: ['a'], command: 'assign-me', label: 'Assign to me' },
  { keys: ['s'], command: 'snooze', label: 'Snooze' },
  { keys: ['e'], command: 'close', label: 'Close' },
  { keys: ['l'], command: 'labels', label: 'Add or remove labels' },
  { keys: ['?'], command: 'help', label: 'Show these shortcuts' },
];

const byKey = new Map<string, Command>(
  shortcuts.flatMap((s) => s.keys.map((key) => [key, s.command] as const)),
);

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The key was pressed in a text field, a select or an editable element. */
  editing: boolean;
  /** Focus is on a button or link, where Enter already means "press this". */
  onControl?: boolean;
}

/**
 * The command a key press asks for, or null. Letters never fire while typing in a field (only
 * Escape does, to leave it); modified keys belong to the browser and the system.
 */
export function commandFor(press: KeyPress): Command | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.editing) return press.key === 'Escape' ? 'leave-composer' : null;
  if (press.key === 'Enter' && press.onControl) return null;
  return byKey.get(press.key) ?? null;
}

/** Whether an event target is somewhere typing happens. */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function isControl(target: EventTarget | null): boolean {
  const tag = (target as { tagName?: string } | null)?.tagName;
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY';
}

/** The id `step` rows away from `current` in `ids`, clamped at the ends; the first when none. */
export function stepSelection(
  ids: readonly string[],
  current: string | null,
  step: 1 | -1,
): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at < 0) return ids[step === 1 ? 0 : ids.length - 1] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}
