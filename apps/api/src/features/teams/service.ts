import type { Team, TeamCreate, TeamPatch } from '@flc/protocol/resources';
import { teamLimits } from '@flc/protocol/resources';
import {
  type AuditContext,
  type JsonValue,
  type Queryable,
  recordAudit,
  type Sql,
} from '@flc/storage/postgres';
import { conflict, notFound, validation } from '../../lib/errors.ts';
import { uniqueName } from '../../lib/unique-name.ts';

interface TeamRow {
  id: string;
  name: string;
  member_ids: string[];
  created_at: Date;
}

const teamColumns = `t.id, t.name, t.created_at,
  array(select m.agent_id::text from team_members m where m.team_id = t.id order by m.agent_id)
    as member_ids`;

const toTeam = (r: TeamRow): Team => ({
  id: r.id,
  name: r.name,
  memberIds: r.member_ids,
  createdAt: r.created_at.toISOString(),
});

/** 409 for a name in use, whatever its case. */
const uniqueTeamName = <T>(name: string | undefined, write: () => Promise<T>) =>
  uniqueName('teams_organization_name_key', 'team', name, write);

/** Every id is an agent of the organization (not removed), else 422 naming the first that is not. */
async function checkMembers(tx: Queryable, organizationId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = await tx<{ id: string }[]>`
    select id::text from agents where organization_id = ${organizationId}
      and id = any(${ids as string[]}::uuid[])`;
  const known = new Set(found.map((r) => r.id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index >= 0) {
    throw validation('Not an agent of this organization', [
      { path: `body.memberIds.${index}`, message: 'Not an agent of this organization' },
    ]);
  }
}

async function setMembers(tx: Queryable, teamId: string, ids: readonly string[]) {
  await tx`delete from team_members where team_id = ${teamId}`;
  for (const id of ids) {
    await tx`insert into team_members (team_id, agent_id) values (${teamId}, ${id})`;
  }
}

/**
 * The organization's teams. Every agent and API key reads them; owners and admins change them
 * (the routes check), each change in the audit log in its own transaction. Deleting a team takes
 * its conversations out of it (they keep their agent) and turns policies naming it to manual.
 */
export class TeamService {
  constructor(private readonly sql: Sql) {}

  async list(organizationId: string): Promise<{ items: Team[] }> {
    const rows = await this.sql<TeamRow[]>`
      select ${this.sql.unsafe(teamColumns)} from teams t
      where t.organization_id = ${organizationId} order by lower(t.name), t.id`;
    return { items: rows.map(toTeam) };
  }

  async get(organizationId: string, id: string, sql: Queryable = this.sql): Promise<Team> {
    const [row] = await sql<TeamRow[]>`
      select ${sql.unsafe(teamColumns)} from teams t
      where t.id = ${id} and t.organization_id = ${organizationId}`;
    if (!row) throw notFound('Team');
    return toTeam(row);
  }

  create(audit: AuditContext, organizationId: string, input: TeamCreate): Promise<Team> {
    const memberIds = input.memberIds ?? [];
    return uniqueTeamName(input.name, () =>
      this.sql.begin(async (tx) => {
        // Creations of one organization take turns, so the count below is exact.
        await tx`select 1 from organizations where id = ${organizationId} for no key update`;
        const [held] = await tx<{ n: number }[]>`
          select count(*)::int as n from teams where organization_id = ${organizationId}`;
        if ((held?.n ?? 0) >= teamLimits.perOrganization) {
          throw conflict(`An organization has at most ${teamLimits.perOrganization} teams`);
        }
        await checkMembers(tx, organizationId, memberIds);
        const id = Bun.randomUUIDv7();
        await tx`
          insert into teams (id, organization_id, name) values (${id}, ${organizationId}, ${input.name})`;
        await setMembers(tx, id, memberIds);
        await recordAudit(tx, {
          ...audit,
          organizationId,
          action: 'team.created',
          target: { type: 'team', id },
          details: { name: input.name, members: memberIds.length },
        });
        return this.get(organizationId, id, tx);
      }),
    ) as Promise<Team>;
  }

  /** A patch that changes nothing answers the team as it is, and records nothing. */
  update(audit: AuditContext, organizationId: string, id: string, patch: TeamPatch): Promise<Team> {
    return uniqueTeamName(patch.name, () =>
      this.sql.begin(async (tx) => {
        const [locked] = await tx`
          select 1 from teams where id = ${id} and organization_id = ${organizationId} for update`;
        if (!locked) throw notFound('Team');
        const before = await this.get(organizationId, id, tx);
        const changes: Record<string, JsonValue> = {};
        if (patch.name !== undefined && patch.name !== before.name) {
          await tx`update teams set name = ${patch.name} where id = ${id}`;
          changes.previousName = before.name;
        }
        if (patch.memberIds !== undefined) {
          const next = [...patch.memberIds].sort();
          if (next.join() !== before.memberIds.join()) {
            await checkMembers(tx, organizationId, next);
            await setMembers(tx, id, next);
            const added = next.filter((m) => !before.memberIds.includes(m));
            const removed = before.memberIds.filter((m) => !next.includes(m));
            changes.membersAdded = added;
            changes.membersRemoved = removed;
          }
        }
        if (Object.keys(changes).length === 0) return before;
        await recordAudit(tx, {
          ...audit,
          organizationId,
          action: 'team.updated',
          target: { type: 'team', id },
          details: { name: patch.name ?? before.name, ...changes },
        });
        return this.get(organizationId, id, tx);
      }),
    ) as Promise<Team>;
  }

  async delete(audit: AuditContext, organizationId: string, id: string): Promise<void> {
    await this.sql.begin(async (tx) => {
      const [gone] = await tx<{ name: string }[]>`
        delete from teams where id = ${id} and organization_id = ${organizationId}
        returning name`;
      if (!gone) throw notFound('Team');
      // A policy without its team assigns by hand again.
      await tx`
        update assignment_policies set mode = 'manual', updated_at = now()
        where team_id is null and organization_id = ${organizationId} and mode <> 'manual'`;
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'team.deleted',
        target: { type: 'team', id },
        details: { name: gone.name },
      });
    });
  }
}
