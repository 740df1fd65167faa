import type { ConversationRow, RecordedMessage } from './conversation-repository.ts';
import type { Message } from './message.ts';

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
   * Deferred (the persister, once it stored the message): moves the read model and records
   * `conversation.updated` for a reopen, together. `null` when the read model did not move.
   */
  record(message: RecordedMessage): Promise<RecordOutcome | null>;
}
