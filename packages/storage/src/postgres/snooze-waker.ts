import { type ConversationRow, conversationEvent, type SnoozeWaker } from '@flc/core';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Sql } from './database.ts';
import { PostgresWebhookOutbox } from './webhook-outbox.ts';

/**
 * Wakes the conversations whose snooze time has passed, each with its `conversation.updated`
 * webhook event in the same transaction (as the API records a PATCH's). Idempotent and safe
 * from several processes: see PostgresConversationStore.wakeSnoozed.
 */
export class PostgresSnoozeWaker implements SnoozeWaker {
  constructor(private readonly sql: Sql) {}

  async wake(limit: number, now?: Date): Promise<ConversationRow[]> {
    // Wrapped: `begin` would unwrap an array result.
    const done = await this.sql.begin(async (tx) => {
      const woken = await new PostgresConversationStore(tx).wakeSnoozed(limit, now);
      const outbox = new PostgresWebhookOutbox(tx);
      for (const row of woken) await outbox.record(conversationEvent('conversation.updated', row));
      return { woken };
    });
    return (done as { woken: ConversationRow[] }).woken;
  }
}
