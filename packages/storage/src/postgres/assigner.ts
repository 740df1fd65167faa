import {
  type Assigner,
  type AssignmentMode,
  type Candidate,
  type ConversationRow,
  chooseAgent,
  conversationEvent,
} from '@flc/core';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Queryable, Sql } from './database.ts';
import { tickBatch } from './tick-batch.ts';
import { isUuid } from './uuid.ts';
import { PostgresWebhookOutbox } from './webhook-outbox.ts';

// With the organization's hash, the key of its assignment rounds; any constant works as long as
// every process uses the same one.
const ASSIGNMENT_LOCK = 0x464c4302;
/** Conversations one round looks at; a sweep repeats rounds soon enough for the rest. */
const ROUND_SIZE = 200;

type AutoMode = Exclude<AssignmentMode, 'manual'>;

interface Waiting {
  id: string;
  environment_id: string;
  team_id: string;
  mode: AutoMode;
  cursor_agent_id: string | null;
  /** Unassigned from it by hand: not given it back. */
  unassigned_agent_id: string | null;
}

interface MemberRow {
  team_id: string;
  agent_id: string;
  capacity: number | null;
  load: number;
  last_assigned_at: Date | null;
}

/** What waits: open, nobody assigned, in a team, in an environment that assigns by itself. */
const waitingWhere = `c.status = 'open' and c.assignee_id is null and p.mode <> 'manual'
  and coalesce(c.team_id, p.team_id) is not null`;

/**
 * Assignment rounds on PostgreSQL. A round holds a transaction-scoped advisory lock of its
 * organization while it counts each agent's load and assigns, so rounds of one organization in
 * any number of processes run one after the other and never give an agent more than its room.
 */
export class PostgresAssigner implements Assigner {
  /** The organizations of one tick asked at once: agents coming online in a storm share a query. */
  private readonly waiting;

  constructor(private readonly sql: Sql) {
    this.waiting = tickBatch(async (organizationIds) => {
      const rows = await sql<{ organization_id: string }[]>`
        select distinct c.organization_id
        from conversations c join assignment_policies p on p.environment_id = c.environment_id
        where c.organization_id = any(${organizationIds}::uuid[]) and ${sql.unsafe(waitingWhere)}`;
      return new Map(rows.map((r) => [r.organization_id, true]));
    });
  }

  async hasWaiting(organizationId: string): Promise<boolean> {
    return isUuid(organizationId) && (await this.waiting(organizationId)) === true;
  }

  async assign(
    organizationId: string,
    online: ReadonlySet<string>,
    only?: readonly string[],
  ): Promise<ConversationRow[]> {
    const done = await this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${ASSIGNMENT_LOCK}, hashtext(${organizationId}))`;
      return { rows: await this.round(tx, organizationId, [...online], only) };
    });
    return (done as { rows: ConversationRow[] }).rows;
  }

  /** Inside the lock: every count below sees what the rounds before this one committed. */
  private async round(
    tx: Queryable,
    organizationId: string,
    online: string[],
    only?: readonly string[],
  ): Promise<ConversationRow[]> {
    if (online.length === 0) return [];
    const waiting = await tx<Waiting[]>`
      select c.id, c.environment_id, coalesce(c.team_id, p.team_id) as team_id, p.mode,
             p.cursor_agent_id, c.unassigned_agent_id
      from conversations c join assignment_policies p on p.environment_id = c.environment_id
      where c.organization_id = ${organizationId} and ${tx.unsafe(waitingWhere)}
        ${only ? tx`and c.id = any(${only as string[]}::uuid[])` : tx``}
      order by c.created_at, c.id
      limit ${ROUND_SIZE}
      -- A conversation someone is assigning by hand right now is theirs.
      for update of c skip locked`;
    if (waiting.length === 0) return [];
    const teams = [...new Set(waiting.map((w) => w.team_id))];
    const members = await tx<MemberRow[]>`
      select m.team_id, a.id as agent_id, a.capacity, a.last_assigned_at,
             (select count(*)::int from conversations l
              where l.assignee_id = a.id and l.status <> 'closed') as load
      from team_members m join agents a on a.id = m.agent_id
      where m.team_id = any(${teams}::uuid[]) and a.organization_id = ${organizationId}
        and a.status = 'active' and not a.away and a.id = any(${online}::uuid[])`;
    // One Candidate per agent, shared by their teams: a conversation given counts everywhere.
    const agents = new Map<string, Candidate>();
    const byTeam = new Map<string, Candidate[]>();
    for (const m of members) {
      let c = agents.get(m.agent_id);
      if (!c) {
        c = {
          agentId: m.agent_id,
          capacity: m.capacity,
          load: m.load,
          lastAssignedAt: m.last_assigned_at?.getTime() ?? 0,
        };
        agents.set(m.agent_id, c);
      }
      byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), c]);
    }
    const cursors = new Map(waiting.map((w) => [w.environment_id, w.cursor_agent_id]));
    const store = new PostgresConversationStore(tx);
    const outbox = new PostgresWebhookOutbox(this.sql);
    const assigned: ConversationRow[] = [];
    let clock = Date.now();
    for (const w of waiting) {
      const pool = (byTeam.get(w.team_id) ?? []).filter((c) => c.agentId !== w.unassigned_agent_id);
      const chosen = chooseAgent(w.mode, pool, cursors.get(w.environment_id) ?? null);
      if (!chosen) continue;
      chosen.load += 1;
      chosen.lastAssignedAt = clock++;
      cursors.set(w.environment_id, chosen.agentId);
      const row = await store.patch({ organizationId }, w.id, {
        assigneeId: chosen.agentId,
        teamId: w.team_id,
      });
      await outbox.record(conversationEvent('conversation.updated', row), tx);
      assigned.push(row);
    }
    if (assigned.length === 0) return [];
    const given = [...new Set(assigned.map((r) => r.assignee_id as string))];
    await tx`update agents set last_assigned_at = now() where id = any(${given}::uuid[])`;
    for (const [environmentId, cursor] of cursors) {
      await tx`
        update assignment_policies set cursor_agent_id = ${cursor}
        where environment_id = ${environmentId} and mode = 'round_robin'`;
    }
    return assigned;
  }

  async reassign(
    organizationId: string,
    online: ReadonlySet<string>,
    ids: readonly string[],
  ): Promise<ConversationRow[]> {
    const outbox = new PostgresWebhookOutbox(this.sql);
    const done = await this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${ASSIGNMENT_LOCK}, hashtext(${organizationId}))`;
      const stale = await tx<{ id: string }[]>`
        select c.id
        from conversations c join assignment_policies p on p.environment_id = c.environment_id
        where c.organization_id = ${organizationId} and c.id = any(${ids as string[]}::uuid[])
          and c.status = 'open' and c.assignee_id is not null and p.mode <> 'manual'
          and coalesce(c.team_id, p.team_id) is not null
          and not exists (
            select 1 from agents a
            join team_members m on m.agent_id = a.id and m.team_id = coalesce(c.team_id, p.team_id)
            where a.id = c.assignee_id and a.status = 'active' and not a.away
              and a.id = any(${[...online]}::uuid[])
              and (a.capacity is null or a.capacity > (
                select count(*) from conversations l
                where l.assignee_id = a.id and l.status <> 'closed' and l.id <> c.id)))
        for update of c`;
      const released = await new PostgresConversationStore(tx).unassign(
        organizationId,
        stale.map((r) => r.id),
      );
      const assigned = await this.round(tx, organizationId, [...online], ids);
      const given = new Set(assigned.map((r) => r.id));
      // Nobody else had room: it waits in its team, unassigned, with its own event.
      const waiting = released.filter((r) => !given.has(r.id));
      for (const row of waiting)
        await outbox.record(conversationEvent('conversation.updated', row), tx);
      return { rows: [...waiting, ...assigned] };
    });
    return (done as { rows: ConversationRow[] }).rows;
  }

  async waitingOrganizations(limit: number): Promise<string[]> {
    const rows = await this.sql<{ organization_id: string }[]>`
      select distinct c.organization_id
      from conversations c join assignment_policies p on p.environment_id = c.environment_id
      where ${this.sql.unsafe(waitingWhere)}
      limit ${limit}`;
    return rows.map((r) => r.organization_id);
  }

  async members(organizationId: string, teamId: string): Promise<string[] | null> {
    if (!isUuid(teamId)) return null;
    const rows = await this.sql<{ agent_id: string | null }[]>`
      select m.agent_id from teams t left join team_members m on m.team_id = t.id
      where t.id = ${teamId} and t.organization_id = ${organizationId}`;
    if (rows.length === 0) return null;
    return rows.flatMap((r) => (r.agent_id ? [r.agent_id] : []));
  }

  async release(organizationId: string, agentId: string): Promise<ConversationRow[]> {
    const outbox = new PostgresWebhookOutbox(this.sql);
    const done = await this.sql.begin(async (tx) => {
      const rows = await new PostgresConversationStore(tx).unassignAgent(organizationId, agentId);
      for (const row of rows)
        await outbox.record(conversationEvent('conversation.updated', row), tx);
      return { rows };
    });
    return (done as { rows: ConversationRow[] }).rows;
  }
}
