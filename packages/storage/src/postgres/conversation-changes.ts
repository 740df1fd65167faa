import {
  type ConversationChanges,
  type ConversationLabeling,
  type ConversationRow,
  conversationEvent,
  LimitReachedError,
  labelsChangedEvent,
  type Scope,
} from '@flc/core';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Queryable, Sql } from './database.ts';
import { labelConversation } from './label-links.ts';
import { PostgresSnoozeWaker } from './snooze-waker.ts';
import { scheduleTranscript } from './transcripts.ts';
import { PostgresWebhookOutbox } from './webhook-outbox.ts';

/**
 * Conversation changes with their webhook events, each pair in one transaction: the event exists
 * exactly when the change does, whatever crashes in between.
 */
export class PostgresConversationChanges implements ConversationChanges {
  private readonly waker: PostgresSnoozeWaker;

  constructor(private readonly sql: Sql) {
    this.waker = new PostgresSnoozeWaker(sql);
  }

  open(contact: { id: string; organizationId: string; environmentId: string }, maxOpen: number) {
    return this.withEvent('conversation.created', async (tx) => {
      // The contact's row is locked, so concurrent opens count one after the other. The count is
      // a statement of its own: under READ COMMITTED it then sees what the lock waited for.
      await tx`select 1 from contacts where id = ${contact.id} for update`;
      const [held] = await tx<{ open: number }[]>`
        select count(*)::int as open from conversations
        where contact_id = ${contact.id} and status <> 'closed'`;
      if (held && held.open >= maxOpen) throw new LimitReachedError('open conversations', maxOpen);
      return new PostgresConversationStore(tx).create(contact);
    });
  }

  patch(
    scope: Scope,
    id: string,
    change: Parameters<ConversationChanges['patch']>[2],
    head: number,
  ) {
    return this.withEvent('conversation.updated', async (tx) => {
      // Locked, so two closes at once see one another: one transcript per close.
      const [before] = await tx<{ status: string }[]>`
        select status from conversations where id = ${id} for update`;
      const row = await new PostgresConversationStore(tx).patch(scope, id, change, head);
      if (change.status === 'closed') {
        await scheduleTranscript(tx, id, before?.status === 'closed');
      }
      return row;
    });
  }

  wakeSnoozed(limit: number, now?: Date): Promise<ConversationRow[]> {
    return this.waker.wake(limit, now);
  }

  async label(
    scope: Scope,
    id: string,
    labelId: string,
    on: boolean,
    max: number,
  ): Promise<ConversationLabeling> {
    const outbox = new PostgresWebhookOutbox(this.sql);
    return (await this.sql.begin(async (tx) => {
      const done = await labelConversation(tx, scope, id, labelId, on, max);
      if (done.changed) {
        const change = on
          ? { added: [done.label], removed: [] }
          : { added: [], removed: [done.label] };
        await outbox.record(labelsChangedEvent(done.row, change), tx);
      }
      return done;
    })) as ConversationLabeling;
  }

  private async withEvent(
    type: 'conversation.created' | 'conversation.updated',
    change: (tx: Queryable) => Promise<ConversationRow>,
  ): Promise<ConversationRow> {
    const outbox = new PostgresWebhookOutbox(this.sql);
    // Wrapped: `begin` would unwrap an array result.
    const done = await this.sql.begin(async (tx) => {
      const row = await change(tx);
      await outbox.record(conversationEvent(type, row), tx);
      return { row };
    });
    return (done as { row: ConversationRow }).row;
  }
}
