import {
  type ConversationMove,
  conversationEvent,
  conversationMoves,
  type Message,
  type MessageRecorder,
  type MessageStore,
  type RecordedMessage,
  type RecordOutcome,
  type RequestIds,
  recordedMessage,
} from '@flc/core';
import { type MovedRow, outcomesOf, PostgresConversationStore } from './conversation-store.ts';
import type { Queryable, Sql } from './database.ts';
import { PostgresMessageStore } from './message-store.ts';
import { replyMailSchedule } from './reply-mail.ts';
import { PostgresWebhookOutbox } from './webhook-outbox.ts';

export interface MessageRecorderOptions {
  /**
   * Email continuity is on (`FLC_INBOUND_MAIL_DOMAIN`): each team reply makes its conversation
   * due a mail this many seconds later, in the transaction that records it.
   */
  replyMailDelaySeconds?: number | undefined;
}

/**
 * The message path's writes to PostgreSQL (or PGlite), each with its webhook events in one
 * transaction: the message, its `message.created` and the read model's move when written
 * through; the move and a reopen's `conversation.updated` behind the persister.
 */
export class PostgresMessageRecorder implements MessageRecorder {
  /** A message store outside this database (MongoDB), written before the transaction. */
  private readonly elsewhere: MessageStore | undefined;

  /**
   * `messages`: the process's message store. Its `messages` table here is written in the
   * transaction (also when unset); a store elsewhere is written first, and a retried cid
   * repairs a failure between the two.
   */
  constructor(
    private readonly sql: Sql,
    messages?: MessageStore,
    private readonly options: MessageRecorderOptions = {},
  ) {
    this.elsewhere = messages instanceof PostgresMessageStore ? undefined : messages;
  }

  async writeThrough(message: Message): Promise<RecordOutcome | null> {
    if (this.elsewhere) await this.elsewhere.insert([message]);
    return this.transaction(async (tx) => {
      if (!this.elsewhere) await new PostgresMessageStore(tx).insert([message]);
      await new PostgresWebhookOutbox(tx).messagesCreated([message]);
      await this.scheduleMail(tx, [message]);
      return this.move(tx, recordedMessage(message));
    });
  }

  /**
   * The messages, their `message.created` deliveries and the conversations' moves as ONE
   * statement (its parts see one snapshot and none reads what another writes), in a transaction
   * only for the reopens' `conversation.updated`: on PGlite a statement's fixed cost outweighs
   * its work, and a group commit here is usually one or two messages.
   */
  async writeThroughBatch(
    messages: Message[],
    requestIds?: RequestIds,
    traceparents?: RequestIds,
  ): Promise<RecordOutcome[]> {
    if (messages.length === 0) return [];
    if (this.elsewhere) await this.elsewhere.insert(messages);
    const done = await this.sql.begin(async (tx) => {
      const outbox = new PostgresWebhookOutbox(tx);
      const moves = new PostgresConversationStore(tx).recordMovesStatement(
        conversationMoves(messages),
      );
      const stored = this.elsewhere
        ? tx`select 1`
        : new PostgresMessageStore(tx).insertStatement(messages);
      const moved = outcomesOf(
        await tx<MovedRow[]>`
          with stored as (${stored}), queued as (${outbox.messagesCreatedStatement(messages, requestIds, traceparents)}),
            moved as (${moves})
          select * from moved`,
      );
      await this.reopened(outbox, moved);
      await this.scheduleMail(tx, messages);
      return { moved };
    });
    return (done as { moved: RecordOutcome[] }).moved;
  }

  record(message: RecordedMessage): Promise<RecordOutcome | null> {
    return this.transaction((tx) => this.move(tx, message));
  }

  /**
   * The persister's batch: the messages (here, or first in the store elsewhere), every
   * conversation's move and the reopens' `conversation.updated`, in one transaction: a handful
   * of statements per batch, whatever the number of conversations in it.
   */
  async persist(messages: Message[], moves: ConversationMove[]): Promise<RecordOutcome[]> {
    if (messages.length === 0) return [];
    if (this.elsewhere) await this.elsewhere.insert(messages);
    const done = await this.sql.begin(async (tx) => {
      if (!this.elsewhere) await new PostgresMessageStore(tx).insert(messages);
      const moved = await this.moveAll(tx, moves);
      await this.scheduleMail(tx, messages);
      return { moved };
    });
    return (done as { moved: RecordOutcome[] }).moved;
  }

  /** Each conversation's move, and `conversation.updated` for every reopen. */
  private async moveAll(tx: Queryable, moves: ConversationMove[]): Promise<RecordOutcome[]> {
    const moved = await new PostgresConversationStore(tx).recordMoves(moves);
    await this.reopened(new PostgresWebhookOutbox(tx), moved);
    return moved;
  }

  /** Team replies make their conversations due a mail (email continuity on); else nothing. */
  private async scheduleMail(tx: Queryable, messages: Message[]): Promise<void> {
    const delay = this.options.replyMailDelaySeconds;
    if (delay === undefined) return;
    const statement = replyMailSchedule(tx, messages, delay);
    if (statement) await statement;
  }

  private async reopened(outbox: PostgresWebhookOutbox, moved: RecordOutcome[]): Promise<void> {
    for (const { row, reopened } of moved) {
      if (reopened) await outbox.record(conversationEvent('conversation.updated', row));
    }
  }

  private async move(tx: Queryable, message: RecordedMessage): Promise<RecordOutcome | null> {
    const outcome = await new PostgresConversationStore(tx).record(message);
    if (outcome?.reopened) {
      await new PostgresWebhookOutbox(tx).record(
        conversationEvent('conversation.updated', outcome.row),
      );
    }
    return outcome;
  }

  private async transaction(
    work: (tx: Queryable) => Promise<RecordOutcome | null>,
  ): Promise<RecordOutcome | null> {
    // Wrapped: `begin` would unwrap an array result, and its type does not say null.
    const done = await this.sql.begin(async (tx) => ({ outcome: await work(tx) }));
    return (done as { outcome: RecordOutcome | null }).outcome;
  }
}
