import type { Command } from '../../lib/commands.ts';
import type { MessageKey } from '../../lib/i18n/index.tsx';

/** The inbox's keyboard shortcuts, in the order the help overlay lists them. */
export const shortcuts: readonly {
  keys: readonly string[];
  command: Command;
  label: MessageKey;
}[] = [
  { keys: ['j'], command: 'next', label: 'inbox.cmdNext' },
  { keys: ['k'], command: 'previous', label: 'inbox.cmdPrevious' },
  { keys: ['Enter', 'o'], command: 'open', label: 'inbox.cmdOpen' },
  { keys: ['r'], command: 'focus-composer', label: 'inbox.cmdReply' },
  { keys: ['n'], command: 'focus-note', label: 'inbox.cmdNote' },
  { keys: ['Escape'], command: 'leave-composer', label: 'inbox.cmdLeave' },
  { keys: ['a'], command: 'assign-me', label: 'inbox.cmdAssignMe' },
  { keys: ['s'], command: 'snooze', label: 'inbox.cmdSnooze' },
  { keys: ['e'], command: 'close', label: 'inbox.cmdClose' },
  { keys: ['l'], command: 'labels', label: 'inbox.cmdLabels' },
  { keys: ['?'], command: 'help', label: 'inbox.cmdHelp' },
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
