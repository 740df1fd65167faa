import type { DueReplyMail, Message, ReplyMailQueue, ReplySent } from '@flc/core';
import type { VisitorLocale } from '@flc/protocol';
import type { Queryable, Sql } from './database.ts';
import { planFeatureOn } from './plan-directory.ts';

/** Who writes replies a visitor may be mailed: the team's messages, never its notes. */
const mailable = (m: Message) =>
  m.kind !== 'note' && (m.sender.type === 'agent' || m.sender.type === 'bot');

/**
 * The statement that makes the conversations of these messages due a mail in `delaySeconds`
 * (their newest team reply, when the contact has an email), or null when the batch holds no
 * reply (and its environment has email continuity on). A conversation already due keeps its time, so the replies of one delay go in one mail;
 * one whose visitor unsubscribed stays as it is. Run in the transaction that records the
 * messages (both profiles' recorders), so a stored reply and its schedule commit together.
 */
export function replyMailSchedule(sql: Queryable, messages: Message[], delaySeconds: number) {
  const newest = new Map<string, number>();
  for (const m of messages) {
    if (mailable(m) && m.seq > (newest.get(m.conversationId) ?? 0)) {
      newest.set(m.conversationId, m.seq);
    }
  }
  if (newest.size === 0) return null;
  const rows = [...newest].map(([id, seq]) => ({ id, seq }));
  return sql`
    insert into conversation_mail (conversation_id, organization_id, due_at, pending_seq)
    select c.id, c.organization_id, now() + make_interval(secs => ${delaySeconds}::int), r.seq
    from json_to_recordset(${JSON.stringify(rows)}::text::json) as r(id uuid, seq integer)
    join conversations c on c.id = r.id
    join contacts ct on ct.id = c.contact_id
    join environments e on e.id = c.environment_id
    where ct.email is not null and e.email_continuity
    order by c.id
    on conflict (conversation_id) do update set
      pending_seq = excluded.pending_seq,
      due_at = coalesce(conversation_mail.due_at, excluded.due_at),
      failures = case when conversation_mail.due_at is null then 0
                 else conversation_mail.failures end,
      updated_at = now()
    where conversation_mail.unsubscribed_at is null
      and excluded.pending_seq > conversation_mail.pending_seq`;
}

interface DueRow {
  conversation_id: string;
  organization_id: string;
  organization_name: string;
  email: string | null;
  contact_name: string | null;
  locale: VisitorLocale | null;
  visitor_read_seq: number;
  pending_seq: number;
  mailed_seq: number;
  unsubscribed: boolean;
  enabled: boolean;
  first_message_id: string | null;
  last_message_id: string | null;
}

const toDue = (r: DueRow): DueReplyMail => ({
  conversationId: r.conversation_id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  email: r.email,
  contactName: r.contact_name,
  locale: r.locale,
  visitorReadSeq: r.visitor_read_seq,
  pendingSeq: r.pending_seq,
  mailedSeq: r.mailed_seq,
  unsubscribed: r.unsubscribed,
  enabled: r.enabled,
  firstMessageId: r.first_message_id,
  lastMessageId: r.last_message_id,
});

/** Failed sends of one mail before it is given up. */
const MAX_FAILURES = 5;

/**
 * The durable schedule of reply mails in PostgreSQL (also PGlite): due rows are claimed for a
 * lease with `FOR UPDATE SKIP LOCKED`, so any number of processes mail side by side and each due
 * mail is taken by one of them; a sender that dies mid-flight loses nothing, its lease runs out
 * and another takes the row again.
 */
export class PostgresReplyMailQueue implements ReplyMailQueue {
  constructor(
    private readonly sql: Sql,
    /** Replies that arrive while a mail is sent wait this long for the next one. */
    private readonly delaySeconds: number,
    /** FLC_DEFAULT_PLAN: a plan without `emailContinuity` mails nothing. */
    private readonly defaultPlan: string | null = null,
  ) {}

  async claim(limit: number, leaseMs: number): Promise<DueReplyMail[]> {
    const rows = await this.sql<DueRow[]>`
      with due as (
        select conversation_id from conversation_mail
        where due_at <= now() and (claimed_until is null or claimed_until < now())
        order by due_at
        limit ${limit}
        for update skip locked
      ), claimed as (
        update conversation_mail m
        set claimed_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
        from due where m.conversation_id = due.conversation_id
        returning m.*
      )
      select claimed.conversation_id, claimed.organization_id, o.name as organization_name,
             ct.email, ct.name as contact_name, ct.locale, c.visitor_read_seq, claimed.pending_seq,
             claimed.mailed_seq, claimed.unsubscribed_at is not null as unsubscribed,
             e.email_continuity
               and ${planFeatureOn(this.sql, 'emailContinuity', this.defaultPlan)} as enabled,
             claimed.first_message_id, claimed.last_message_id
      from claimed
      join conversations c on c.id = claimed.conversation_id
      join contacts ct on ct.id = c.contact_id
      join organizations o on o.id = claimed.organization_id
      join environments e on e.id = c.environment_id`;
    return rows.map(toDue);
  }

  async finish(conversationId: string, sent: ReplySent): Promise<void> {
    const messageId = sent.messageId;
    await this.sql`
      update conversation_mail set
        mailed_seq = greatest(mailed_seq, ${sent.mailedSeq}),
        mails_sent = mails_sent + ${messageId === null ? 0 : 1},
        first_message_id = coalesce(first_message_id, ${messageId}),
        last_message_id = coalesce(${messageId}, last_message_id),
        -- A reply recorded while this one was sent waits for a mail of its own.
        due_at = case when pending_seq > greatest(mailed_seq, ${sent.mailedSeq})
                 then now() + make_interval(secs => ${this.delaySeconds}::int) end,
        claimed_until = null,
        failures = 0,
        updated_at = now()
      where conversation_id = ${conversationId}`;
  }

  async failed(conversationId: string, retryInMs: number): Promise<boolean> {
    const [row] = await this.sql<{ given_up: boolean }[]>`
      update conversation_mail set
        failures = failures + 1,
        due_at = case when failures + 1 >= ${MAX_FAILURES} then null
                 else now() + make_interval(secs => ${retryInMs / 1000}::double precision) end,
        mailed_seq = case when failures + 1 >= ${MAX_FAILURES} then pending_seq
                     else mailed_seq end,
        claimed_until = null,
        updated_at = now()
      where conversation_id = ${conversationId}
      returning due_at is null as given_up`;
    return row?.given_up ?? false;
  }

  async unsubscribe(conversationId: string): Promise<boolean> {
    const rows = await this.sql`
      insert into conversation_mail (conversation_id, organization_id, unsubscribed_at)
      select id, organization_id, now() from conversations where id = ${conversationId}
      on conflict (conversation_id) do update set
        unsubscribed_at = coalesce(conversation_mail.unsubscribed_at, now()),
        due_at = null,
        updated_at = now()
      returning conversation_id`;
    return rows.length > 0;
  }

  async unsubscribed(conversationId: string): Promise<boolean> {
    const [row] = await this.sql`
      select 1 from conversation_mail
      where conversation_id = ${conversationId} and unsubscribed_at is not null`;
    return Boolean(row);
  }
}
