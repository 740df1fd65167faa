import { type ConversationRow, uuidv7, type WebhookEventInput } from '@flc/core';
import { PostgresWebhookOutbox, type Queryable, type Sql } from '@flc/storage/postgres';
import { toConversation } from './conversation.ts';

/**
 * Runs a change and records the webhook events it made in the same transaction: the events
 * exist exactly when the change does, whatever crashes in between.
 */
export async function withEvents<T>(
  sql: Sql,
  change: (tx: Queryable) => Promise<{ value: T; events: WebhookEventInput[] }>,
): Promise<T> {
  const outbox = new PostgresWebhookOutbox(sql);
  // Wrapped: `begin` would unwrap a callback's array result.
  const done = await sql.begin(async (tx) => {
    const { value, events } = await change(tx);
    for (const event of events) await outbox.record(event, tx);
    return { value };
  });
  return (done as { value: T }).value;
}

/** `conversation.created` or `.updated`: the conversation as the inbox API shows it. */
export const conversationEvent = (
  type: 'conversation.created' | 'conversation.updated',
  row: ConversationRow,
): WebhookEventInput => ({
  id: uuidv7(),
  type,
  organizationId: row.organization_id,
  environmentId: row.environment_id,
  subjectId: row.id,
  occurredAt: (type === 'conversation.created' ? row.created_at : row.updated_at).toISOString(),
  data: { conversation: toConversation(row) },
});
