import type { MessageAttachment, MessageVia, Sender } from '@flc/protocol';

/** A chat message as it travels on the bus and sits in the message store. */
export interface Message {
  id: string;
  organizationId: string;
  conversationId: string;
  /** 1, 2, 3… within the conversation, without gaps (notes included). */
  seq: number;
  /**
   * `note`: a private note of the team, which no visitor ever receives. Absent on a message
   * (the visitor's conversation), so messages keep their shape.
   */
  kind?: 'note';
  /**
   * The seq of the newest message before this one that is not a note, present only when that is
   * not `seq - 1` (notes came between). Visitors, who never see notes, check continuity with it.
   */
  prevSeq?: number;
  sender: Sender;
  body: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** The sender's idempotency key, when it gave one. */
  cid?: string;
  /** The files and images it carries (links signed when it was sent); absent when none. */
  attachments?: MessageAttachment[];
  /** `email`: the visitor wrote it as a reply by mail. Absent for everything else. */
  via?: MessageVia;
  /** When its body was last edited (ISO-8601 UTC); absent when never. */
  editedAt?: string;
  /** When it was deleted (ISO-8601 UTC): its body is then empty. */
  deletedAt?: string;
  /** The conversation's change counter at its last edit or delete; absent (0) when none. */
  rev?: number;
}

/** An edit (a new body) or a delete of a stored message, as the `rev`-th change of its conversation. */
export type MessageChange =
  | { rev: number; body: string; editedAt: string }
  | { rev: number; deletedAt: string };

export interface MessageInput {
  organizationId: string;
  conversationId: string;
  cid: string;
  sender: Sender;
  body: string;
  kind?: 'note';
  /** Resolved by the message service from the ids the sender gave. */
  attachments?: MessageAttachment[];
  /**
   * The id of the request (REST) or socket that sent it, kept in the stream entry's metadata,
   * never in the message: the node, persister and webhook attempt it causes log the same id.
   */
  requestId?: string;
  /**
   * The W3C `traceparent` of the append's span, only when tracing is on: kept beside the request
   * id (the stream entry's `t`), so the persister's and webhooks' spans join the request's trace.
   */
  traceparent?: string;
  /** Set by the platform (a reply by mail), never by a sender's frame or body. */
  via?: MessageVia;
}

/**
 * The attachments a message may carry: those uploaded to its conversation. Resolves the ids a
 * sender names (InvalidRequestError for one that is not the conversation's) and signs fresh
 * links for a reader.
 */
export interface MessageAttachments {
  resolve(
    organizationId: string,
    conversationId: string,
    ids: readonly string[],
  ): Promise<MessageAttachment[]>;
  /** The same attachments with links good from now on. */
  relink(attachments: readonly MessageAttachment[]): MessageAttachment[];
}

/**
 * Who reads a conversation: the team (agents, API keys), who see every message and note, or its
 * visitor, who sees every message but no note.
 */
export type Audience = 'team' | 'visitor';

export const isNote = (m: { kind?: string | undefined }): boolean => m.kind === 'note';

/** Whether the audience receives the message. */
export const visibleTo = (audience: Audience, m: { kind?: string | undefined }): boolean =>
  audience === 'team' || m.kind !== 'note';

/**
 * How every bus serializes a note's frame: it starts with this, so a reader tells notes from
 * messages without parsing (messages start `{"t":"message","id":`).
 */
export const NOTE_FRAME_PREFIX = '{"t":"message","kind":"note",';
