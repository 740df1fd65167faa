import {
  type MentionMade,
  type MentionRecorder,
  type Message,
  mentionedHandles,
  uuidv7,
} from '@flc/core';
import type { Mention, Sender } from '@flc/protocol';
import type { Queryable } from './database.ts';

/** A `mentions` row with its conversation's contact, as `mentionColumns` selects it. */
export interface MentionRow {
  id: string;
  agent_id: string;
  conversation_id: string;
  contact_id: string;
  contact_name: string | null;
  message_id: string;
  seq: number;
  author_type: 'agent' | 'bot';
  author_id: string;
  author_name: string | null;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

/**
 * Selected from `mentions m join conversations c on c.id = m.conversation_id join contacts ct on
 * ct.id = c.contact_id`.
 */
export const mentionColumns = `m.id, m.agent_id, m.conversation_id, c.contact_id,
  ct.name as contact_name, m.message_id, m.seq, m.author_type, m.author_id, m.author_name,
  m.body, m.created_at, m.read_at`;

export function toMention(r: MentionRow): Mention {
  const author: Sender = { type: r.author_type, id: r.author_id };
  if (r.author_name !== null) author.name = r.author_name;
  return {
    id: r.id,
    conversationId: r.conversation_id,
    contact: { id: r.contact_id, name: r.contact_name },
    messageId: r.message_id,
    seq: r.seq,
    author,
    body: r.body,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

/**
 * The mentions of notes, in the `mentions` table. Handles are resolved against the note's own
 * organization only, so a name in another tenant is plain text.
 */
export class PostgresMentions implements MentionRecorder {
  constructor(private readonly sql: Queryable) {}

  async record(note: Message): Promise<MentionMade[]> {
    if (note.kind !== 'note' || !note.body.includes('@')) return [];
    const sql = this.sql;
    const agents = await sql<{ id: string; handle: string }[]>`
      select id, handle from agents
      where organization_id = ${note.organizationId} and status = 'active'`;
    const named = new Set(
      mentionedHandles(
        note.body,
        agents.map((a) => a.handle),
      ),
    );
    const mentioned = agents.filter((a) => named.has(a.handle) && a.id !== note.sender.id);
    if (mentioned.length === 0) return [];
    const rows = mentioned.map((a) => ({ id: uuidv7(), agent_id: a.id }));
    const made = await sql<MentionRow[]>`
      with made as (
        insert into mentions (id, organization_id, conversation_id, agent_id, message_id, seq,
          author_type, author_id, author_name, body, created_at)
        select r.id, ${note.organizationId}, ${note.conversationId}, r.agent_id, ${note.id},
          ${note.seq}, ${note.sender.type}, ${note.sender.id}, ${note.sender.name ?? null},
          ${note.body}, ${note.createdAt}::timestamptz
        from json_to_recordset(${JSON.stringify(rows)}::text::json) as r(id uuid, agent_id uuid)
        on conflict (message_id, agent_id) do nothing
        returning *
      )
      select ${sql.unsafe(mentionColumns)}
      from made m join conversations c on c.id = m.conversation_id
        join contacts ct on ct.id = c.contact_id
      order by m.agent_id`;
    return made.map((r) => ({ agentId: r.agent_id, mention: toMention(r) }));
  }
}
