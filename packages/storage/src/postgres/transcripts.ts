import type { DueTranscript, TranscriptQueue } from '@flc/core';
import type { VisitorLocale } from '@flc/protocol';
import type { Queryable, Sql } from './database.ts';
import { planFeatureOn } from './plan-directory.ts';

/**
 * Makes the conversation's transcript due when this change closed it (its status was not closed
 * before): run in the close's transaction, so a close and its transcript commit together. Only
 * when the contact has an email, did not unsubscribe and the environment's email continuity is
 * on; the sender checks all three again when it mails. A second close with nothing new since
 * (same status_seq) is the same transcript: no second row.
 */
export async function scheduleTranscript(
  tx: Queryable,
  conversationId: string,
  wasClosed: boolean,
) {
  if (wasClosed) return;
  await tx`
    insert into conversation_transcripts (conversation_id, organization_id, close_seq, due_at)
    select c.id, c.organization_id, c.status_seq, now()
    from conversations c
    join contacts ct on ct.id = c.contact_id
    join environments e on e.id = c.environment_id
    left join conversation_mail m on m.conversation_id = c.id
    where c.id = ${conversationId} and c.status = 'closed' and ct.email is not null
      and e.email_continuity and m.unsubscribed_at is null
    on conflict (conversation_id, close_seq) do nothing`;
}

interface DueRow {
  conversation_id: string;
  organization_id: string;
  organization_name: string;
  close_seq: number;
  attempts: number;
  email: string | null;
  contact_name: string | null;
  locale: VisitorLocale | null;
  unsubscribed: boolean;
  enabled: boolean;
  csat: boolean;
  first_message_id: string | null;
  last_message_id: string | null;
}

const toDue = (r: DueRow): DueTranscript => ({
  conversationId: r.conversation_id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  closeSeq: r.close_seq,
  attempts: r.attempts,
  email: r.email,
  contactName: r.contact_name,
  locale: r.locale,
  unsubscribed: r.unsubscribed,
  enabled: r.enabled,
  csat: r.csat,
  firstMessageId: r.first_message_id,
  lastMessageId: r.last_message_id,
});

/**
 * The transcripts due, in PostgreSQL (also PGlite): claimed for a lease with `FOR UPDATE SKIP
 * LOCKED`, so several processes mail side by side and each transcript goes to one of them.
 */
export class PostgresTranscriptQueue implements TranscriptQueue {
  constructor(
    private readonly sql: Sql,
    /** FLC_DEFAULT_PLAN: a plan without `emailContinuity` mails no transcript. */
    private readonly defaultPlan: string | null = null,
  ) {}

  async claim(limit: number, leaseMs: number): Promise<DueTranscript[]> {
    const rows = await this.sql<DueRow[]>`
      with due as (
        select conversation_id, close_seq from conversation_transcripts
        where due_at <= now() and (claimed_until is null or claimed_until < now())
        order by due_at
        limit ${limit}
        for update skip locked
      ), claimed as (
        update conversation_transcripts t
        set claimed_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
        from due where t.conversation_id = due.conversation_id and t.close_seq = due.close_seq
        returning t.*
      )
      select claimed.conversation_id, claimed.organization_id, o.name as organization_name,
             claimed.close_seq, claimed.attempts, ct.email, ct.name as contact_name, ct.locale,
             m.unsubscribed_at is not null as unsubscribed,
             e.email_continuity
               and ${planFeatureOn(this.sql, 'emailContinuity', this.defaultPlan)} as enabled,
             coalesce(f.csat_enabled, false) as csat,
             m.first_message_id, m.last_message_id
      from claimed
      join conversations c on c.id = claimed.conversation_id
      join contacts ct on ct.id = c.contact_id
      join organizations o on o.id = claimed.organization_id
      join environments e on e.id = c.environment_id
      left join conversation_mail m on m.conversation_id = claimed.conversation_id
      left join pre_chat_forms f on f.environment_id = c.environment_id`;
    return rows.map(toDue);
  }

  async done(conversationId: string, closeSeq: number): Promise<void> {
    await this.sql`
      update conversation_transcripts set due_at = null, claimed_until = null,
        attempts = attempts + 1, done_at = now()
      where conversation_id = ${conversationId} and close_seq = ${closeSeq}`;
  }

  async later(conversationId: string, closeSeq: number, retryInMs: number): Promise<void> {
    await this.sql`
      update conversation_transcripts set claimed_until = null, attempts = attempts + 1,
        due_at = now() + make_interval(secs => ${retryInMs / 1000}::double precision)
      where conversation_id = ${conversationId} and close_seq = ${closeSeq}`;
  }
}
