import type {
  ConversationMove,
  ConversationRow,
  RecordedMessage,
} from './conversation-repository.ts';
import type { Message } from './message.ts';
import { recordedMessage } from './recorded-message.ts';
import type { RequestIds } from './webhooks/events.ts';

/** What recording a message did to its conversation. */
export interface RecordOutcome {
  /** The row after the move. */
  row: ConversationRow;
  /** The message reopened the conversation: it was closed or snoozed, and is open now. */
  reopened: boolean;
}

/**
 * Where a message takes effect beyond the bus, together with the webhook events that makes: one
 * transaction (PostgreSQL), so a crash never keeps a change without its event, nor an event
 * without its change. The read model moves as `ConversationRepository.recordMessage` says: only
 * forward, and a visitor's message numbered after the conversation's status was last set
 * reopens it (see `status_seq`), whatever order the messages are recorded in.
 */
export interface MessageRecorder {
  /**
   * Write-through: stores the message, records its `message.created` event, moves the read
   * model and, when that reopened the conversation, records `conversation.updated`. All or
   * nothing, and idempotent: recording the message again (a retried cid) repairs an attempt
   * that failed and repeats nothing. `null` when the read model did not move.
   */
  writeThrough(message: Message): Promise<RecordOutcome | null>;
  /**
   * `writeThrough` for several messages at once (a group commit): all stored, each with its
   * `message.created`, each conversation's move applied once, in one transaction. Answers the
   * moves that changed a row, one per conversation.
   */
  writeThroughBatch(
    messages: Message[],
    requestIds?: RequestIds,
    traceparents?: RequestIds,
  ): Promise<RecordOutcome[]>;
  /**
   * Deferred (the persister, once it stored the message): moves the read model and records
   * `conversation.updated` for a reopen, together. `null` when the read model did not move.
   */
  record(message: RecordedMessage): Promise<RecordOutcome | null>;
  /**
   * Deferred, a whole batch (the persister): stores the messages (idempotent on
   * `(conversationId, seq)`), applies each conversation's move once and records
   * `conversation.updated` for each reopen, in one transaction where the store is this database.
   * Answers the moves that changed a row, one per conversation.
   */
  persist(messages: Message[], moves: ConversationMove[]): Promise<RecordOutcome[]>;
}

/** One move per conversation of the batch (see ConversationMove), from messages in any order. */
export function conversationMoves(messages: Message[]): ConversationMove[] {
  const moves = new Map<string, ConversationMove>();
  for (const m of messages) {
    let move = moves.get(m.conversationId);
    if (!move) {
      move = {
        conversationId: m.conversationId,
        lastSeq: m.seq,
        newest: null,
        visitorSeq: null,
        teamSeq: null,
        noteSeqs: [],
        firstReply: null,
      };
      moves.set(m.conversationId, move);
    }
    if (m.seq > move.lastSeq) move.lastSeq = m.seq;
    if (m.kind === 'note') move.noteSeqs.push(m.seq);
    else if (!move.newest || m.seq > move.newest.seq) move.newest = recordedMessage(m);
    if (m.kind !== 'note' && m.sender.type === 'agent') {
      if (!move.firstReply || m.createdAt < move.firstReply.at) {
        move.firstReply = { at: m.createdAt, agentId: m.sender.id };
      }
    }
    // The platform's own messages (the away auto-reply) are read by neither side for them.
    if (m.sender.type === 'system') continue;
    if (m.sender.type === 'visitor') {
      if (move.visitorSeq === null || m.seq > move.visitorSeq) move.visitorSeq = m.seq;
    } else if (move.teamSeq === null || m.seq > move.teamSeq) {
      move.teamSeq = m.seq;
    }
  }
  return [...moves.values()];
}
