import type { Mention } from '@flc/protocol/resources';
import { type MentionRow, mentionColumns, type Sql, toMention } from '@flc/storage/postgres';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import type { AgentPrincipal } from '../../plugins/auth.ts';
import type { MentionsQuery, MentionsRead } from './model.ts';

const from = `mentions m join conversations c on c.id = m.conversation_id
  join contacts ct on ct.id = c.contact_id`;

/**
 * An agent's own mentions: listed newest first (their ids are UUIDv7, made as the note was
 * recorded), marked read one by one or together. Every query is by the agent's id and its
 * organization, so another agent's mention, of any tenant, is not found.
 */
export class MentionService {
  constructor(private readonly sql: Sql) {}

  private mine(agent: AgentPrincipal) {
    return this.sql`m.agent_id = ${agent.id} and m.organization_id = ${agent.organizationId}`;
  }

  async list(agent: AgentPrincipal, query: MentionsQuery) {
    const sql = this.sql;
    const limit = query.limit ?? 20;
    const before = decodeCursor(query.cursor);
    const rows = await sql<MentionRow[]>`
      select ${sql.unsafe(mentionColumns)} from ${sql.unsafe(from)}
      where ${this.mine(agent)}
        ${query.unread ? sql`and m.read_at is null` : sql``}
        ${before ? sql`and m.id < ${before}` : sql``}
      order by m.id desc limit ${limit + 1}`;
    return { ...toPage(rows, limit, toMention), unread: await this.unread(agent) };
  }

  async markRead(agent: AgentPrincipal, id: string): Promise<Mention> {
    const sql = this.sql;
    const [row] = await sql<MentionRow[]>`
      with m as (
        update mentions m set read_at = coalesce(m.read_at, now())
        where m.id = ${id} and ${this.mine(agent)}
        returning m.*
      )
      select ${sql.unsafe(mentionColumns)} from m join conversations c on c.id = m.conversation_id
        join contacts ct on ct.id = c.contact_id`;
    if (!row) throw notFound('Mention');
    return toMention(row);
  }

  async markAllRead(agent: AgentPrincipal, body: MentionsRead | undefined) {
    const sql = this.sql;
    const conversationId = body?.conversationId;
    const marked = await sql`
      update mentions m set read_at = now()
      where ${this.mine(agent)} and m.read_at is null
        ${conversationId ? sql`and m.conversation_id = ${conversationId}` : sql``}`;
    return { read: marked.count, unread: await this.unread(agent) };
  }

  private async unread(agent: AgentPrincipal): Promise<number> {
    const [row] = await this.sql<{ unread: number }[]>`
      select count(*)::int as unread from mentions m
      where ${this.mine(agent)} and m.read_at is null`;
    return row?.unread ?? 0;
  }
}
