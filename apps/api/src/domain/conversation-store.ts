import type { Sql } from '@flc/storage/postgres';
import { notFound, validation } from '../lib/errors.ts';
import { newId } from '../lib/secrets.ts';
import type { Scope } from './actor.ts';
import {
  type ConversationRow,
  type ConversationStatusValue,
  conversationColumns,
  type LastMessage,
} from './conversation.ts';

export interface ConversationFilter {
  status?: ConversationStatusValue | undefined;
  /** An agent's id, or `null` for unassigned conversations. */
  assigneeId?: string | null | undefined;
  environmentId?: string | undefined;
}

/** Newest activity first; `after` is the last row of the previous page. */
export interface ActivityPage {
  limit: number;
  after: { at: string; id: string } | null;
}

export interface ConversationPatch {
  status?: ConversationStatusValue | undefined;
  /** `null` unassigns; `undefined` leaves the assignee as it is. */
  assigneeId?: string | null | undefined;
}

/** The conversation rows of the inbox and the widget. Every query is filtered by a Scope. */
export class ConversationStore {
  constructor(private readonly sql: Sql) {}

  private get columns() {
    return this.sql.unsafe(conversationColumns);
  }

  private where(scope: Scope) {
    const sql = this.sql;
    return sql`c.organization_id = ${scope.organizationId}
      ${scope.environmentId ? sql`and c.environment_id = ${scope.environmentId}` : sql``}
      ${scope.contactId ? sql`and c.contact_id = ${scope.contactId}` : sql``}`;
  }

  /** The conversation if the scope reaches it, else 404 (also for another tenant's ids). */
  async get(scope: Scope, id: string): Promise<ConversationRow> {
    const [row] = await this.sql<ConversationRow[]>`
      select ${this.columns} from conversations c join contacts ct on ct.id = c.contact_id
      where c.id = ${id} and ${this.where(scope)}`;
    if (!row) throw notFound('Conversation');
    return row;
  }

  /** Fetches `limit + 1` rows: the extra one says whether a next page exists. */
  list(scope: Scope, filter: ConversationFilter, page: ActivityPage): Promise<ConversationRow[]> {
    const sql = this.sql;
    const { status, assigneeId, environmentId } = filter;
    const assignee =
      assigneeId === undefined
        ? sql``
        : assigneeId === null
          ? sql`and c.assignee_id is null`
          : sql`and c.assignee_id = ${assigneeId}`;
    return sql<ConversationRow[]>`
      select ${this.columns} from conversations c join contacts ct on ct.id = c.contact_id
      where ${this.where(scope)}
        ${environmentId ? sql`and c.environment_id = ${environmentId}` : sql``}
        ${status ? sql`and c.status = ${status}` : sql``}
        ${assignee}
        ${
          page.after
            ? // Through text: the driver would round a timestamptz parameter to milliseconds.
              sql`and (c.last_activity_at, c.id) < (${page.after.at}::text::timestamptz, ${page.after.id})`
            : sql``
        }
      order by c.last_activity_at desc, c.id desc
      limit ${page.limit + 1}`;
  }

  async create(contact: {
    id: string;
    organizationId: string;
    environmentId: string;
  }): Promise<ConversationRow> {
    const [row] = await this.sql<ConversationRow[]>`
      with c as (
        insert into conversations (id, organization_id, environment_id, contact_id)
        values (${newId()}, ${contact.organizationId}, ${contact.environmentId}, ${contact.id})
        returning *
      )
      select ${this.columns} from c join contacts ct on ct.id = c.contact_id`;
    if (!row) throw new Error('insert into conversations returned no row');
    return row;
  }

  /** Assigns only to an active agent of the conversation's organization (else 422). */
  async patch(scope: Scope, id: string, patch: ConversationPatch): Promise<ConversationRow> {
    const sql = this.sql;
    const { assigneeId } = patch;
    if (assigneeId) {
      const [agent] = await sql`
        select 1 from agents
        where id = ${assigneeId} and organization_id = ${scope.organizationId}
          and status = 'active'`;
      if (!agent) {
        throw validation('The request is invalid', [
          { path: 'body.assigneeId', message: 'Not an active agent of this organization' },
        ]);
      }
    }
    const [row] = await sql<ConversationRow[]>`
      update conversations c set
        status = coalesce(${patch.status ?? null}, c.status),
        assignee_id = case when ${assigneeId !== undefined} then ${assigneeId ?? null}::uuid
                      else c.assignee_id end,
        updated_at = now()
      from contacts ct
      where ct.id = c.contact_id and c.id = ${id} and ${this.where(scope)}
      returning ${this.columns}`;
    if (!row) throw notFound('Conversation');
    return row;
  }

  /**
   * Moves the read model to a newly appended message. Only forward: when appends of one
   * conversation finish out of order, or a retried one is applied again, the older one matches no
   * row and `null` says there is nothing new to announce. A visitor writing reopens the
   * conversation; the writer's side has read everything up to its own message.
   */
  async recordMessage(message: {
    conversationId: string;
    seq: number;
    lastMessage: NonNullable<LastMessage>;
  }): Promise<ConversationRow | null> {
    const { conversationId, seq, lastMessage } = message;
    const byVisitor = lastMessage.sender.type === 'visitor';
    const [row] = await this.sql<ConversationRow[]>`
      update conversations c set
        last_seq = ${seq},
        last_message = ${this.sql.json(lastMessage)},
        last_activity_at = ${lastMessage.createdAt}::timestamptz,
        status = case when ${byVisitor} then 'open' else c.status end,
        visitor_read_seq = case when ${byVisitor} then ${seq} else c.visitor_read_seq end,
        agent_read_seq = case when ${byVisitor} then c.agent_read_seq else ${seq} end,
        updated_at = now()
      from contacts ct
      where ct.id = c.contact_id and c.id = ${conversationId} and c.last_seq < ${seq}
      returning ${this.columns}`;
    return row ?? null;
  }

  /**
   * Marks the conversation read up to `seq` by one side (visitor, or the agents together). Only
   * forward, and never past the last message, so a stale or forged `seq` cannot skew unread counts.
   */
  async markRead(scope: Scope, id: string, side: 'visitor' | 'agent', seq: number): Promise<void> {
    const sql = this.sql;
    const column = side === 'visitor' ? sql`visitor_read_seq` : sql`agent_read_seq`;
    const rows = await sql`
      update conversations c set ${column} = greatest(c.${column}, least(${seq}, c.last_seq))
      where c.id = ${id} and ${this.where(scope)}
      returning c.id`;
    if (rows.length === 0) throw notFound('Conversation');
  }
}
