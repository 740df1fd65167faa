import { type BusEvent, type BusListener, type Message, NOTE_FRAME_PREFIX } from '@flc/core';
import { errorReporter } from '@flc/log';

/**
 * A `message` frame cut around its `seq`: `head + seq + prev + tail` is the frame's JSON, where
 * `prev` is `prevPart(prevSeq)` or empty. Both buses build it before the seq is known, so the
 * frame is serialized once, in the process that appends, and the Redis script only splices the
 * numbers in. Key order follows the protocol's MessageFrame: a note's `kind` comes first, so
 * its frame starts with NOTE_FRAME_PREFIX.
 */
export interface FrameParts {
  head: string;
  tail: string;
}

export function messageFrameParts(
  message: Omit<Message, 'seq' | 'prevSeq' | 'organizationId'>,
): FrameParts {
  const { id, conversationId, sender, body, createdAt, cid, attachments, via } = message;
  const rest = JSON.stringify({ sender, body, createdAt, cid, attachments, via });
  const start = message.kind === 'note' ? NOTE_FRAME_PREFIX : '{"t":"message",';
  return {
    head: `${start}"id":${JSON.stringify(id)},"conversationId":${JSON.stringify(conversationId)},"seq":`,
    tail: `,${rest.slice(1)}`,
  };
}

/** What goes between `seq` and the tail: `prevSeq` when the message follows a note. */
export const prevPart = (prevSeq: number | undefined): string =>
  prevSeq === undefined ? '' : `,"prevSeq":${prevSeq}`;

/** The message's frame, serialized exactly as the bus serializes it when appending. */
export function frameOf(message: Message): string {
  const { head, tail } = messageFrameParts(message);
  return `${head}${message.seq}${prevPart(message.prevSeq)}${tail}`;
}

/** Where a message frame's `seq` is: right after its fixed head (see `messageFrameParts`). */
const SEQ_AT = ',"seq":';

/**
 * The `seq` of a frame this package serialized, read without parsing it: the first `,"seq":` is
 * the key, as `t`, `id` and `conversationId` come before it and a JSON string cannot hold an
 * unescaped quote. NaN when it is not there.
 */
export function seqOfFrame(frame: string): number {
  const at = frame.indexOf(SEQ_AT);
  return at < 0 ? Number.NaN : Number.parseInt(frame.slice(at + 7, at + 24), 10);
}

/** The fields of a `message` frame, as published on the bus. */
interface MessageFrameFields {
  kind?: 'note';
  id: string;
  conversationId: string;
  seq: number;
  prevSeq?: number;
  sender: Message['sender'];
  body: string;
  createdAt: string;
  cid?: string;
  attachments?: Message['attachments'];
  via?: Message['via'];
}

/** Rebuilds the message from a frame this package serialized (so trusted, not re-validated). */
export function messageFromFrame(frame: string, organizationId: string): Message {
  const { kind, id, conversationId, seq, prevSeq, sender, body, createdAt, cid, attachments, via } =
    JSON.parse(frame) as MessageFrameFields;
  const message: Message = { id, organizationId, conversationId, seq, sender, body, createdAt };
  if (kind === 'note') message.kind = kind;
  if (prevSeq !== undefined) message.prevSeq = prevSeq;
  if (cid !== undefined) message.cid = cid;
  if (attachments !== undefined) message.attachments = attachments;
  if (via !== undefined) message.via = via;
  return message;
}

/**
 * Hands one event to every listener. A listener that throws is reported and skipped: one broken
 * subscriber must not starve the others, nor stop a bus's reader loop.
 */
export function emit(
  listeners: Iterable<BusListener>,
  event: BusEvent,
  onError: (error: unknown) => void,
): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      onError(error);
    }
  }
}

/** The buses' default `onError`: the process's log. */
export const reportToConsole = errorReporter('bus', 'a bus operation failed');
