import type {
  Audience,
  DailyMessageActivity,
  Message,
  MessageChange,
  MessageRange,
  MessageSearch,
  MessageSearchHit,
  MessageStore,
} from '@flc/core';
import type { Sender } from '@flc/protocol';
import type { Queryable } from './database.ts';
import { tickBatch } from './tick-batch.ts';
import { isUuid } from './uuid.ts';

interface MessageRow {
  id: string;
  organization_id: string;
  conversation_id: string;
  seq: number;
  sender_type: Sender['type'];
  sender_id: string;
  sender_name: string | null;
  body: string;
  cid: string | null;
  created_at: Date;
  kind: 'message' | 'note';
  prev_seq: number | null;
  rev: number;
  edited_at: Date | null;
  deleted_at: Date | null;
  attachments: Message['attachments'] | null;
  via: 'email' | null;
}

/** What an insert writes; a message's changes come later (`change`). */
const insertColumns =
  'id, organization_id, conversation_id, seq, sender_type, sender_id, sender_name, body, cid, created_at, kind, prev_seq, attachments, via';
const columns = `${insertColumns}, rev, edited_at, deleted_at`;

function toMessage(r: MessageRow): Message {
  const sender: Sender = { type: r.sender_type, id: r.sender_id };
  if (r.sender_name !== null) sender.name = r.sender_name;
  const message: Message = {
    id: r.id,
    organizationId: r.organization_id,
    conversationId: r.conversation_id,
    seq: r.seq,
    sender,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  };
  if (r.cid !== null) message.cid = r.cid;
  if (r.kind === 'note') message.kind = 'note';
  if (r.prev_seq !== null) message.prevSeq = r.prev_seq;
  if (r.edited_at !== null) message.editedAt = r.edited_at.toISOString();
  if (r.deleted_at !== null) message.deletedAt = r.deleted_at.toISOString();
  if (r.rev > 0) message.rev = r.rev;
  if (r.attachments?.length) message.attachments = r.attachments;
  if (r.via !== null) message.via = r.via;
  return message;
}

/**
 * How many of the newest matching messages a search ranks (as the MongoDB store does): a word
 * common to most of the history would otherwise have every row read and ranked.
 */
const SEARCH_CANDIDATES = 500;

/** The primary key's order (uuids compare as their lowercase text does). */
const byKey = (
  a: { conversation_id: string; seq: number },
  b: { conversation_id: string; seq: number },
): number =>
  a.conversation_id < b.conversation_id
    ? -1
    : a.conversation_id > b.conversation_id
      ? 1
      : a.seq - b.seq;

/**
 * History in the `messages` table (PostgreSQL, or PGlite in the embedded profile). Every range
 * is a walk of the `(conversation_id, seq)` primary key.
 */
interface HeadRow {
  id: string;
  team: number;
  visitor: number;
}

export class PostgresMessageStore implements MessageStore {
  /**
   * Both heads of every conversation asked in one turn of the event loop, by one statement of
   * two index probes per conversation: a bus that has not seen a conversation yet asks for its
   * heads on the first subscribe and the first append, so a node's first moments after a start
   * (thousands of conversations at once) would otherwise cost thousands of queries.
   */
  private readonly heads;

  /** Also on a transaction: the write-through path stores a message with its webhook event. */
  constructor(private readonly sql: Queryable) {
    this.heads = tickBatch(async (ids) => {
      const rows = await sql<HeadRow[]>`
        select c.id,
          coalesce((select max(seq) from messages m where m.conversation_id = c.id), 0)::int
            as team,
          coalesce((select max(seq) from messages m
            where m.conversation_id = c.id and m.kind = 'message'), 0)::int as visitor
        from unnest(${ids}::uuid[]) as c(id)`;
      return new Map(rows.map((r) => [r.id, r]));
    });
  }

  /**
   * One statement for the whole batch, its rows as one JSON parameter: the statement's text is
   * the same for any batch, so it is parsed and planned once per connection (prepared). A message
   * already stored under the same seq is kept as it is: the persister may deliver a batch twice
   * after a crash, and the first write wins. Rows go in key order, so two writers of overlapping
   * batches wait for each other rather than deadlock.
   */
  async insert(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    await this.insertStatement(messages);
  }

  /**
   * The batch's insert, not yet sent: the write-through path runs it as one part of a larger
   * statement. Any conflict is skipped, on (conversation_id, seq) as the port says, and on a cid
   * already stored under another seq (the bus forgot the cid, e.g. after its expiry): that
   * message must not block the persister's batch forever.
   */
  insertStatement(messages: Message[]) {
    const rows = messages
      .map((m) => ({
        id: m.id,
        organization_id: m.organizationId,
        conversation_id: m.conversationId,
        seq: m.seq,
        sender_type: m.sender.type,
        sender_id: m.sender.id,
        sender_name: m.sender.name ?? null,
        body: m.body,
        cid: m.cid ?? null,
        created_at: m.createdAt,
        kind: m.kind ?? 'message',
        prev_seq: m.prevSeq ?? null,
        attachments: m.attachments ?? null,
        via: m.via ?? null,
      }))
      .sort(byKey);
    return this.sql`
      insert into messages (${this.sql.unsafe(insertColumns)})
      select ${this.sql.unsafe(insertColumns)}
      from json_to_recordset(${JSON.stringify(rows)}::text::json) as m(
        id uuid, organization_id uuid, conversation_id uuid, seq integer, sender_type text,
        sender_id text, sender_name text, body text, cid text, created_at timestamptz,
        kind text, prev_seq integer, attachments jsonb, via text)
      on conflict do nothing`;
  }

  /** With `beforeSeq`, the newest `limit` below it (walked backwards, returned ascending). */
  async range(
    organizationId: string,
    conversationId: string,
    { afterSeq, beforeSeq, limit }: MessageRange,
  ): Promise<Message[]> {
    const sql = this.sql;
    const after = afterSeq ?? 0;
    if (beforeSeq === undefined) {
      const rows = await sql<MessageRow[]>`
        select ${sql.unsafe(columns)} from messages
        where conversation_id = ${conversationId} and organization_id = ${organizationId}
          and seq > ${after}
        order by seq limit ${limit}`;
      return rows.map(toMessage);
    }
    const rows = await sql<MessageRow[]>`
      select ${sql.unsafe(columns)} from messages
      where conversation_id = ${conversationId} and organization_id = ${organizationId}
        and seq > ${after} and seq < ${beforeSeq}
      order by seq desc limit ${limit}`;
    return rows.reverse().map(toMessage);
  }

  /** The visitor's head walks the key backwards past the newest notes. */
  async headSeq(conversationId: string, audience: Audience = 'team'): Promise<number> {
    if (!isUuid(conversationId)) return 0;
    const row = await this.heads(conversationId);
    return row?.[audience] ?? 0;
  }

  /** A walk of the unique `(conversation_id, cid)` index. */
  async byCid(
    organizationId: string,
    conversationId: string,
    cid: string,
  ): Promise<Message | null> {
    const sql = this.sql;
    const [row] = await sql<MessageRow[]>`
      select ${sql.unsafe(columns)} from messages
      where conversation_id = ${conversationId} and cid = ${cid}
        and organization_id = ${organizationId}`;
    return row ? toMessage(row) : null;
  }

  async change(
    organizationId: string,
    conversationId: string,
    seq: number,
    change: MessageChange,
  ): Promise<Message | null> {
    const sql = this.sql;
    const edit = 'body' in change;
    await sql`
      update messages set
        body = ${edit ? change.body : ''},
        edited_at = ${edit ? change.editedAt : null}::timestamptz,
        deleted_at = ${edit ? null : change.deletedAt}::timestamptz,
        attachments = case when ${edit}::boolean then attachments end,
        rev = ${change.rev}
      where conversation_id = ${conversationId} and seq = ${seq}
        and organization_id = ${organizationId} and rev < ${change.rev}`;
    const [row] = await sql<MessageRow[]>`
      select ${sql.unsafe(columns)} from messages
      where conversation_id = ${conversationId} and seq = ${seq}
        and organization_id = ${organizationId}`;
    return row ? toMessage(row) : null;
  }

  async changes(
    organizationId: string,
    conversationId: string,
    afterRev: number,
    audience: Audience,
  ): Promise<Message[]> {
    const sql = this.sql;
    const rows = await sql<MessageRow[]>`
      select ${sql.unsafe(columns)} from messages
      where conversation_id = ${conversationId} and rev > ${afterRev}
        and organization_id = ${organizationId}
        ${audience === 'visitor' ? sql`and kind <> 'note'` : sql``}
      order by rev`;
    return rows.map(toMessage);
  }

  async erase(organizationId: string, conversationIds: readonly string[]): Promise<number> {
    const ids = conversationIds.filter(isUuid);
    if (ids.length === 0) return 0;
    const rows = await this.sql`
      delete from messages
      where organization_id = ${organizationId} and conversation_id = any(${ids}::uuid[])`;
    return rows.count;
  }

  /** Walks `(organization_id, created_at)` of each organization: its range since `since`. */
  async countSince(organizationIds: readonly string[], since: Date): Promise<Map<string, number>> {
    const ids = organizationIds.filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows = await this.sql<{ organization_id: string; count: number }[]>`
      select organization_id, count(*)::int as count from messages
      where organization_id = any(${ids}::uuid[]) and created_at >= ${since}
      group by organization_id`;
    return new Map(rows.map((r) => [r.organization_id, r.count]));
  }

  /**
   * A range of `messages_created_idx` (created_at): the cost is the range's messages over every
   * tenant, not any tenant's history (rows of one day sit together: they were written in order).
   */
  async dailyActivity(from: Date, to: Date): Promise<DailyMessageActivity[]> {
    const rows = await this.sql<
      { organization_id: string; day: string; messages: number; visitors: string[] }[]
    >`
      select organization_id,
        to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day,
        count(*)::int as messages,
        coalesce(array_agg(distinct sender_id) filter (where sender_type = 'visitor'), '{}')
          as visitors
      from messages
      where created_at >= ${from} and created_at < ${to}
      group by 1, 2
      order by 1, 2`;
    return rows.map((r) => ({
      organizationId: r.organization_id,
      day: r.day,
      messages: r.messages,
      visitors: r.visitors,
    }));
  }

  /**
   * The newest `SEARCH_CANDIDATES` messages holding any term (in the organization's configuration,
   * the trigger's), ranked: the count of distinct terms each holds, then its `ts_rank`. The planner
   * takes the GIN index on `search_vector` for rare words and walks `(organization_id, created_at)`
   * newest first for common ones, so a word in half the history costs no more than a rare one.
   * The terms are letters and digits only (`searchTerms`), so joining them with `|` makes a
   * well-formed tsquery.
   */
  async search({ organizationId, terms, limit }: MessageSearch): Promise<MessageSearchHit[]> {
    if (terms.length === 0 || limit <= 0) return [];
    const sql = this.sql;
    const [org] = await sql<{ config: string }[]>`
      select search_config::text as config from organizations where id = ${organizationId}`;
    if (!org) return [];
    // One term: every hit holds it, and nothing is counted per row.
    const matched =
      terms.length === 1
        ? '1'
        : '(select count(*) from unnest(q.parts) p where c.search_vector @@ p)::int';
    // Not prepared: planned with this query's words and configuration as constants, so the
    // planner knows how common the words are (a generic plan would walk the same path for all).
    const rows = await sql.unsafe<(MessageRow & { matched: number })[]>(
      `with candidates as materialized (
         select ${columns}, search_vector from messages
         where organization_id = $1 and search_vector @@ to_tsquery($2::regconfig, $3)
         order by created_at desc limit ${SEARCH_CANDIDATES}),
       q as (select to_tsquery($2::regconfig, $3) as query,
                    array(select to_tsquery($2::regconfig, t) from unnest($4::text[]) t) as parts)
       select ${columns.replace(/(^|, )/g, '$1c.')}, ${matched} as matched
       from candidates c, q
       order by matched desc, ts_rank(c.search_vector, q.query) desc, c.created_at desc, c.id
       limit $5`,
      [organizationId, org.config, terms.join(' | '), terms, limit],
      { prepare: false },
    );
    return rows.map((r) => ({ message: toMessage(r), matched: r.matched }));
  }
}
