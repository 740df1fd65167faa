import type { Message, MessageChange } from './types.ts';

/**
 * The message with an edit or a delete applied: a new object when the change is newer than the
 * message's own `rev`, else the same one (a change heard twice, or older than the state fetched).
 */
export function applyChange<M extends Message>(message: M, change: MessageChange): M {
  if (change.seq !== message.seq || change.rev <= (message.rev ?? 0)) return message;
  if ('deletedAt' in change) {
    return { ...message, body: '', rev: change.rev, deletedAt: change.deletedAt };
  }
  return { ...message, body: change.body, rev: change.rev, editedAt: change.editedAt };
}

/** Of two states of one message (a history page and the socket), the one with the newer change. */
export const newerOf = <M extends Message>(a: M, b: M): M => ((b.rev ?? 0) >= (a.rev ?? 0) ? b : a);
