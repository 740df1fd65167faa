import {
  type ConversationMove,
  type ConversationRepository,
  type ConversationRow,
  type ConversationStatusValue,
  NotFoundError,
  type ReadSide,
  type RecordedMessage,
  type RecordOutcome,
  type Scope,
  uuidv7,
} from '@flc/core';
import type { Queryable } from './database.ts';
import { inScope } from './scope.ts';
import { isUuid } from './uuid.ts';

export interface ConversationFilter {
  status?: ConversationStatusValue | undefined;
  /** An agent's id, or `null` for unassigned conversations. */
  assigneeId?: string | null | undefined;
  environmentId?: string | undefined;
  /** One contact's conversations (its history, beside the open one). */
  contactId?: string | undefined;
  /** Those carrying this label; a label the organization does not have matches none. */
  labelId?: string | undefined;
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
  /** `null` takes it out of its team; `undefined` leaves the team as it is. */
  teamId?: string | null | undefined;
  /**
   * With `status: 'snoozed'` only: when it wakes up by itself (the caller checks it is in the
   * future). Any status set clears it unless given here.
   */
  snoozedUntil?: Date | null | undefined;
}

/** One message's move (see ConversationMove). */
function moveOf(message: RecordedMessage): ConversationMove {
  const note = message.kind === 'note';
  const by = message.lastMessage.sender.type;
  return {
    conversationId: message.conversationId,
    lastSeq: message.seq,
    newest: note ? null : message,
    visitorSeq: by === 'visitor' ? message.seq : null,
    // The platform's own messages (the away auto-reply) move neither side's reading.
    teamSeq: by === 'visitor' || by === 'system' ? null : message.seq,
    noteSeqs: note ? [message.seq] : [],
    firstReply:
      !note && by === 'agent'
        ? { at: message.lastMessage.createdAt, agentId: message.lastMessage.sender.id }
        : null,
  };
}

/** Selected from `conversations c join contacts ct`. */
const conversationColumns = `c.id, c.organization_id, c.environment_id, c.contact_id,
  ct.name as contact_name, c.status, c.assignee_id, c.team_id, c.last_seq, c.last_message,
  c.last_activity_at,
  to_char(c.last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as activity_key,
  c.agent_read_seq,
  c.visitor_read_seq, c.visitor_hidden_seqs, c.snoozed_until, c.created_at, c.updated_at,
  array(select cl.label_id::text from conversation_labels cl
        where cl.conversation_id = c.id order by cl.label_id) as label_ids`;

/**
 * `visitor_hidden_seqs` of conversation `c` with the notes `added`, once the visitor has read up
 * to `read`: the notes the visitor's unread count still skips, ascending, each once.
 */
const hiddenAfter = (added: string, read: string) =>
  `array(select distinct h from unnest(c.visitor_hidden_seqs || ${added}) h where h > ${read} order by h)`;

/**
 * The conversation rows of the inbox and the widget. Every query is filtered by a Scope; a
 * conversation outside it is NotFoundError, also for another tenant's ids.
 */
/** A conversation moved by `recordMovesStatement`, and whether the move reopened it. */
export type MovedRow = ConversationRow & { reopened: boolean };

export const outcomesOf = (moved: readonly MovedRow[]): RecordOutcome[] =>
  moved.map(({ reopened, ...row }) => ({ row, reopened }));

export class PostgresConversationStore implements ConversationRepository {
  /** Also on a transaction: the API records a change's webhook event in the same one. */
  constructor(private readonly sql: Queryable) {}

  private get columns() {
    return this.sql.unsafe(conversationColumns);
  }

  private where(scope: Scope) {
    return inScope(this.sql, scope, 'c');
  }

  async get(scope: Scope, id: string): Promise<ConversationRow> {
    // Not an id at all (a socket frame names any string): no such conversation.
    if (!isUuid(id)) throw new NotFoundError('Conversation');
    const [row] = await this.sql<ConversationRow[]>`
      select ${this.columns} from conversations c join contacts ct on ct.id = c.contact_id
      where c.id = ${id} and ${this.where(scope)}`;
    if (!row) throw new NotFoundError('Conversation');
    return row;
  }

  /** Fetches `limit + 1` rows: the extra one says whether a next page exists. */
  list(scope: Scope, filter: ConversationFilter, page: ActivityPage): Promise<ConversationRow[]> {
    const sql = this.sql;
    const { status, assigneeId, environmentId, contactId, labelId } = filter;
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
        ${contactId ? sql`and c.contact_id = ${contactId}` : sql``}
        ${
          labelId
            ? sql`and exists (select 1 from conversation_labels cl
                              where cl.conversation_id = c.id and cl.label_id = ${labelId})`
            : sql``
        }
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
        -- It joins the team of its environment's assignment policy, if the policy names one.
        insert into conversations (id, organization_id, environment_id, contact_id, team_id)
        values (${uuidv7()}, ${contact.organizationId}, ${contact.environmentId}, ${contact.id},
                (select team_id from assignment_policies
                 where environment_id = ${contact.environmentId}))
        returning *
      )
      select ${this.columns} from c join contacts ct on ct.id = c.contact_id`;
    if (!row) throw new Error('insert into conversations returned no row');
    return row;
  }

  /**
   * Changes status and assignee; the caller checks that an assignee is an active agent. `head`
   * is the bus's head seq as the status is set: a visitor's message numbered after it reopens
   * the conversation, one before it (recorded late) does not.
   */
  async patch(
    scope: Scope,
    id: string,
    patch: ConversationPatch,
    head = 0,
  ): Promise<ConversationRow> {
    const sql = this.sql;
    const { assigneeId, teamId } = patch;
    const [row] = await sql<ConversationRow[]>`
      update conversations c set
        status = coalesce(${patch.status ?? null}, c.status),
        status_seq = case when ${patch.status !== undefined}
                     then greatest(c.status_seq, c.last_seq, ${head}) else c.status_seq end,
        assignee_id = case when ${assigneeId !== undefined} then ${assigneeId ?? null}::uuid
                      else c.assignee_id end,
        -- Unassigned by hand: rounds skip that agent until anyone is assigned to it.
        unassigned_agent_id = case when ${assigneeId === undefined} then c.unassigned_agent_id
                              when ${assigneeId ?? null}::uuid is null
                              then coalesce(c.assignee_id, c.unassigned_agent_id) end,
        team_id = case when ${teamId !== undefined} then ${teamId ?? null}::uuid
                  else c.team_id end,
        -- Set by a close (kept by a repeated one), cleared by any other status.
        closed_at = case when ${patch.status === undefined} then c.closed_at
                    when ${patch.status ?? null} = 'closed'
                    then case when c.status = 'closed' then c.closed_at else now() end end,
        snoozed_until = case when ${patch.status !== undefined}
                        then ${patch.snoozedUntil?.toISOString() ?? null}::timestamptz
                        else c.snoozed_until end,
        updated_at = now()
      from contacts ct
      where ct.id = c.contact_id and c.id = ${id} and ${this.where(scope)}
      returning ${this.columns}`;
    if (!row) throw new NotFoundError('Conversation');
    return row;
  }

  /** Unassigns the agent's conversations that are not closed (the agent was disabled). */
  unassignAgent(organizationId: string, agentId: string): Promise<ConversationRow[]> {
    return this.sql<ConversationRow[]>`
      update conversations c set assignee_id = null, updated_at = now()
      from contacts ct
      where ct.id = c.contact_id and c.organization_id = ${organizationId}
        and c.assignee_id = ${agentId} and c.status <> 'closed'
      returning ${this.columns}`;
  }

  /** Unassigns these conversations of the organization (their agent may no longer have them). */
  unassign(organizationId: string, ids: readonly string[]): Promise<ConversationRow[]> {
    return this.sql<ConversationRow[]>`
      update conversations c set assignee_id = null, updated_at = now()
      from contacts ct
      where ct.id = c.contact_id and c.organization_id = ${organizationId}
        and c.id = any(${ids as string[]}::uuid[])
      returning ${this.columns}`;
  }

  async recordMessage(message: RecordedMessage): Promise<ConversationRow | null> {
    return (await this.record(message))?.row ?? null;
  }

  /**
   * Only forward. The last message moves when `seq` is newer than it; the writer's side's read
   * seq moves on its own, since several persisters may record a conversation's messages out of
   * order (the newest agent reply first, the visitor message before it next). A visitor's
   * message reopens a closed or snoozed conversation when it was numbered after the status was
   * set (`status_seq`), also when recorded after a newer one. A repeated or older append that
   * moves nothing matches no row. The row is locked first, so `reopened` compares with the
   * status it really had.
   */
  async record(message: RecordedMessage): Promise<RecordOutcome | null> {
    return (await this.recordMoves([moveOf(message)]))[0] ?? null;
  }

  /**
   * `record` for a whole batch: one statement moves every conversation once, as recording each
   * of its messages in seq order would (see ConversationMove), with the same only-forward rules.
   * The rows are locked first, in id order, so `reopened` compares with the status each really
   * had and two writers of overlapping batches never deadlock. A conversation the move leaves as
   * it was (a repeated or older batch), or that no longer exists, gives no outcome.
   */
  async recordMoves(moves: ConversationMove[]): Promise<RecordOutcome[]> {
    if (moves.length === 0) return [];
    return outcomesOf(await this.recordMovesStatement(moves));
  }

  /**
   * `recordMoves`' update, not yet sent: the write-through path runs it as one part of a larger
   * statement. Its rows are the moved conversations, each with `reopened` (see `outcomesOf`).
   */
  recordMovesStatement(moves: ConversationMove[]) {
    const rows = moves.map((m) => ({
      id: m.conversationId,
      last: m.lastSeq,
      seq: m.newest?.seq ?? null,
      message: m.newest?.lastMessage ?? null,
      at: m.newest?.lastMessage.createdAt ?? null,
      visitor: m.visitorSeq,
      team: m.teamSeq,
      notes: m.noteSeqs,
      reply_at: m.firstReply?.at ?? null,
      // Agents' sender ids are their uuids; any other keeps the time without the agent.
      reply_by: m.firstReply && isUuid(m.firstReply.agentId) ? m.firstReply.agentId : null,
    }));
    const sql = this.sql;
    // A null side compares as unknown: no reopen, no read seq moved by it (greatest skips nulls).
    const reopens = sql`(m.visitor > c.status_seq and c.status <> 'open')`;
    // The last message follows messages only: a note numbered after it leaves it as it is.
    const newer = sql`(m.seq > coalesce((c.last_message->>'seq')::int, 0))`;
    const read = 'greatest(c.visitor_read_seq, m.visitor)';
    // A note the visitor's unread must skip that the row does not list yet.
    const hides = sql`exists (select 1 from unnest(m.notes) n
      where n > c.visitor_read_seq and not n = any(c.visitor_hidden_seqs))`;
    // An agent's reply earlier than the one recorded (persisters record out of order).
    const firstReply = sql`(m.reply_at < coalesce(c.first_reply_at, 'infinity'))`;
    return sql<MovedRow[]>`
      with m as (
        select * from json_to_recordset(${JSON.stringify(rows)}::text::json) as m(
          id uuid, last integer, seq integer, message jsonb, at timestamptz, visitor integer,
          team integer, notes integer[], reply_at timestamptz, reply_by uuid)
      ), old as (
        -- The update's own lock strength: the batch's messages, inserted first in the same
        -- transaction, hold key-share locks on these rows, which it must not wait for.
        select c.id, c.status from conversations c
        where c.id in (select id from m) order by c.id for no key update
      )
      update conversations c set
        last_seq = greatest(c.last_seq, m.last),
        last_message = case when ${newer} then m.message else c.last_message end,
        last_activity_at = case when ${newer} then m.at else c.last_activity_at end,
        status = case when ${reopens} then 'open' else c.status end,
        status_seq = case when ${reopens} then m.visitor else c.status_seq end,
        closed_at = case when ${reopens} then null else c.closed_at end,
        first_reply_at = case when ${firstReply} then m.reply_at else c.first_reply_at end,
        first_reply_agent_id = case when ${firstReply} then m.reply_by
          else c.first_reply_agent_id end,
        visitor_read_seq = ${sql.unsafe(read)},
        visitor_hidden_seqs = case
          when cardinality(m.notes) = 0 and cardinality(c.visitor_hidden_seqs) = 0
          then c.visitor_hidden_seqs else ${sql.unsafe(hiddenAfter('m.notes', read))} end,
        agent_read_seq = greatest(c.agent_read_seq, m.team),
        updated_at = now()
      from m, contacts ct, old
      where c.id = m.id and ct.id = c.contact_id and old.id = c.id
        and (c.last_seq < m.last or ${reopens} or c.visitor_read_seq < m.visitor
          or c.agent_read_seq < m.team or ${hides} or ${firstReply})
      returning ${this.columns}, old.status <> c.status as reopened`;
  }

  /**
   * Opens the snoozed conversations whose `snoozed_until` has passed (`now`, or the database's
   * clock), at most `limit`, soonest first, and answers them. One statement, safe from several
   * processes at once: a row another waker (or writer) holds is skipped, and is no longer due
   * once it commits. The status is set as of the newest recorded message.
   */
  wakeSnoozed(limit: number, now?: Date): Promise<ConversationRow[]> {
    const sql = this.sql;
    const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
    return sql<ConversationRow[]>`
      with due as (
        select id from conversations
        where status = 'snoozed' and snoozed_until <= ${at}
        order by snoozed_until
        limit ${limit}
        for update skip locked
      )
      update conversations c set
        status = 'open',
        status_seq = greatest(c.status_seq, c.last_seq),
        snoozed_until = null,
        updated_at = now()
      from due, contacts ct
      where c.id = due.id and ct.id = c.contact_id
      returning ${this.columns}`;
  }

  /** Only forward; the caller has bounded `seq` by the bus's head. */
  async markRead(scope: Scope, id: string, side: ReadSide, seq: number): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('Conversation');
    const sql = this.sql;
    const rows =
      side === 'visitor'
        ? await sql`
            update conversations c set
              visitor_read_seq = greatest(c.visitor_read_seq, ${seq}),
              visitor_hidden_seqs = array(select h from unnest(c.visitor_hidden_seqs) h
                where h > greatest(c.visitor_read_seq, ${seq}) order by h)
            where c.id = ${id} and ${this.where(scope)}
            returning c.id`
        : await sql`
            update conversations c set agent_read_seq = greatest(c.agent_read_seq, ${seq})
            where c.id = ${id} and ${this.where(scope)}
            returning c.id`;
    if (rows.length === 0) throw new NotFoundError('Conversation');
  }
}
