import {
  type ConversationRevs,
  type Message,
  NotFoundError,
  type WebhookEventInput,
} from '@flc/core';
import type { Sql } from './database.ts';
import { PostgresWebhookOutbox } from './webhook-outbox.ts';

/** Each conversation's change counter, on its row; a change's webhook event commits with it. */
export class PostgresConversationRevs implements ConversationRevs {
  constructor(private readonly sql: Sql) {}

  async next(
    organizationId: string,
    conversationId: string,
    event: (rev: number) => WebhookEventInput | null,
  ): Promise<number> {
    const rev = await this.sql.begin(async (tx) => {
      const [row] = await tx<{ rev: number }[]>`
        update conversations set rev = rev + 1
        where id = ${conversationId} and organization_id = ${organizationId}
        returning rev`;
      if (!row) throw new NotFoundError('Conversation');
      const recorded = event(row.rev);
      if (recorded) await new PostgresWebhookOutbox(tx).record(recorded, tx);
      return row.rev;
    });
    return rev as number;
  }

  async head(organizationId: string, conversationId: string): Promise<number> {
    const [row] = await this.sql<{ rev: number }[]>`
      select rev from conversations
      where id = ${conversationId} and organization_id = ${organizationId}`;
    return row?.rev ?? 0;
  }

  async preview(organizationId: string, conversationId: string, m: Message): Promise<boolean> {
    const rows = await this.sql`
      update conversations set last_message = jsonb_set(last_message, '{body}', to_jsonb(${m.body}::text))
      where id = ${conversationId} and organization_id = ${organizationId}
        and (last_message->>'seq')::int = ${m.seq}
      returning id`;
    return rows.length > 0;
  }
}
