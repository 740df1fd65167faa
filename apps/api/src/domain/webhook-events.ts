import type { WebhookEventInput } from '@flc/core';
import { PostgresWebhookOutbox, type Queryable, type Sql } from '@flc/storage/postgres';

export { conversationEvent } from '@flc/core';

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
