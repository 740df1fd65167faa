import {
  type Message,
  type MessageEventOutbox,
  type MessageSubscribers,
  type RequestIds,
  toMessageResource,
  type WebhookEventInput,
} from '@flc/core';
import type { JsonValue, Queryable } from './database.ts';
import { withRequestId } from './webhook-request-id.ts';

/**
 * The writers' side of the webhook outbox: an event becomes one `webhook_deliveries` row per
 * enabled webhook of its environment subscribed to its type, in the caller's transaction when
 * it passes one, so the change and its event commit together. With no subscriber nothing is
 * written. Rows are keyed by `(webhook_id, event_id)`: recording an event again is a no-op.
 */
export class PostgresWebhookOutbox implements MessageEventOutbox {
  constructor(private readonly sql: Queryable) {}

  /** Answers how many deliveries were queued. */
  async record(event: WebhookEventInput, sql: Queryable = this.sql): Promise<number> {
    const result = await sql`
      insert into webhook_deliveries
        (id, webhook_id, event_id, event_type, payload, status, subject_id, occurred_at)
      select flc_derived_uuid(${event.id}::uuid, w.id::text), w.id, ${event.id}, ${event.type},
             ${sql.json(event.data as JsonValue)}, 'pending', ${event.subjectId},
             ${event.occurredAt}::timestamptz
      from webhooks w
      where w.environment_id = ${event.environmentId}
        and w.organization_id = ${event.organizationId}
        and w.enabled and ${event.type} = any(w.events)
      order by w.id
      on conflict (webhook_id, event_id) do nothing`;
    return result.count;
  }

  /**
   * `message.created` for stored or bus-numbered messages, and `note.created` for notes (a
   * webhook that did not subscribe to notes never sees one), in one statement per batch. The
   * environment comes from the conversation; a message of a deleted conversation makes none. A
   * webhook gets only messages sent after it was created (give or take a minute of clock skew
   * between the nodes and the database): the scaled profile's consumer group starts from the
   * oldest entry the streams keep, which may predate the webhook by days.
   */
  async messagesCreated(
    messages: Message[],
    requestIds?: RequestIds,
    traceparents?: RequestIds,
  ): Promise<number> {
    if (messages.length === 0) return 0;
    return (await this.messagesCreatedStatement(messages, requestIds, traceparents)).count;
  }

  /** `messagesCreated`'s insert, not yet sent (the write-through path runs it in a larger one). */
  messagesCreatedStatement(
    messages: Message[],
    requestIds?: RequestIds,
    traceparents?: RequestIds,
  ) {
    const rows = messages.map((m) => ({
      message_id: m.id,
      organization_id: m.organizationId,
      conversation_id: m.conversationId,
      seq: m.seq,
      type: m.kind === 'note' ? 'note.created' : 'message.created',
      created_at: m.createdAt,
      data: withRequestId(
        { message: toMessageResource(m) },
        requestIds?.get(m.id),
        traceparents?.get(m.id),
      ),
    }));
    const sql = this.sql;
    return sql`
      insert into webhook_deliveries
        (id, webhook_id, event_id, event_type, payload, status, subject_id, occurred_at)
      select flc_derived_uuid(e.event_id, w.id::text), w.id, e.event_id, m.type,
             m.data, 'pending', m.conversation_id, m.created_at
      from jsonb_to_recordset(${sql.json(rows as unknown as JsonValue)}) as m(
             message_id uuid, organization_id uuid, conversation_id uuid, seq integer,
             type text, created_at timestamptz, data jsonb)
      cross join lateral (select flc_derived_uuid(m.message_id, m.type) as event_id) as e
      join conversations c
        on c.id = m.conversation_id and c.organization_id = m.organization_id
      join webhooks w
        on w.environment_id = c.environment_id and w.enabled
        and m.type = any(w.events)
        and w.created_at < m.created_at + interval '1 minute'
      -- Queue order follows seq within a conversation.
      order by m.conversation_id, m.seq, w.id
      on conflict (webhook_id, event_id) do nothing`;
  }
}

/**
 * The organizations with an enabled webhook subscribed to `message.created` or `note.created`
 * (what the bus's streams carry), kept in memory and
 * read again only when `webhook_generation` moved (every change to the webhooks table that can
 * subscribe or unsubscribe moves it, in its own transaction). One primary-key read per call: a
 * webhook committed before it is seen, and one committed after it came after every message the
 * caller had read by then.
 */
export class PostgresMessageSubscribers implements MessageSubscribers {
  private generation: string | null = null;
  private organizations = new Set<string>();
  private readonly has = (organizationId: string) => this.organizations.has(organizationId);

  constructor(private readonly sql: Queryable) {}

  async current(): Promise<(organizationId: string) => boolean> {
    const [row] = await this.sql<{ generation: string }[]>`
      select generation::text as generation from webhook_generation`;
    if (row?.generation !== this.generation || this.generation === null) {
      // The set and the generation it belongs to, from one snapshot.
      const [fresh] = await this.sql<{ generation: string; organizations: string[] }[]>`
        select (select generation::text from webhook_generation) as generation,
               coalesce(array_agg(distinct organization_id::text), '{}') as organizations
        from webhooks
        where enabled and events && array['message.created', 'note.created']::text[]`;
      this.organizations = new Set(fresh?.organizations ?? []);
      this.generation = fresh?.generation ?? null;
    }
    return this.has;
  }
}
