/**
 * Commands the keyboard (or a button elsewhere) asks of whatever screen can carry them out: the
 * inbox's shortcut handler emits `close`, the open conversation listens. Features stay apart.
 */
import { useEffect, useRef } from 'react';

export type Command =
  | 'next'
  | 'previous'
  | 'open'
  | 'focus-composer'
  | 'focus-note'
  | 'leave-composer'
  | 'close'
  | 'assign-me'
  | 'snooze'
  | 'labels'
  | 'help';

type Handler = () => void;

const handlers = new Map<Command, Set<Handler>>();

/** Runs every handler of `command`; false when no screen listens for it. */
export function runCommand(command: Command): boolean {
  const set = handlers.get(command);
  if (!set || set.size === 0) return false;
  for (const handler of set) handler();
  return true;
}

export function onCommand(command: Command, handler: Handler): () => void {
  let set = handlers.get(command);
  if (!set) {
    set = new Set();
    handlers.set(command, set);
  }
  set.add(handler);
  return () => set.delete(handler);
}

/** Listens for `command` while the component is mounted; the latest handler is used. */
export function useCommand(command: Command, handler: Handler): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => onCommand(command, () => latest.current()), [command]);
}
