import type { AssignmentMode } from '@flc/core';
import type { Queryable } from '../postgres/database.ts';
import { type SeededConversation, seedConversation } from './tenant-rows.ts';

export interface SeededTeam extends SeededConversation {
  teamId: string;
  /** Active agents, all members of the team, in id order. */
  agentIds: string[];
}

/**
 * A tenant (see seedConversation; its conversation closed, so nothing waits yet) with a team of
 * `agents` active agents of `capacity` each, and its environment's policy assigning to that
 * team by `mode`.
 */
export async function seedTeam(
  sql: Queryable,
  options: { agents: number; capacity: number | null; mode: AssignmentMode },
): Promise<SeededTeam> {
  const tenant = await seedConversation(sql);
  await sql`update conversations set status = 'closed' where id = ${tenant.conversationId}`;
  const teamId = Bun.randomUUIDv7();
  const agentIds = Array.from({ length: options.agents }, () => Bun.randomUUIDv7()).sort();
  await sql`
    insert into teams (id, organization_id, name) values (${teamId}, ${tenant.organizationId}, 'Support')`;
  for (const id of agentIds) {
    await sql`
      insert into agents (id, organization_id, email, name, role, status, capacity)
      values (${id}, ${tenant.organizationId}, ${`${id}@example.com`}, 'Agent', 'agent', 'active',
              ${options.capacity})`;
    await sql`insert into team_members (team_id, agent_id) values (${teamId}, ${id})`;
  }
  await sql`
    insert into assignment_policies (environment_id, organization_id, mode, team_id)
    values (${tenant.environmentId}, ${tenant.organizationId}, ${options.mode}, ${teamId})`;
  return { ...tenant, teamId, agentIds };
}

/** `n` more contacts of the tenant's environment; answers their ids. */
export async function seedContacts(
  sql: Queryable,
  at: Pick<SeededConversation, 'organizationId' | 'environmentId'>,
  n: number,
): Promise<string[]> {
  const ids = Array.from({ length: n }, () => Bun.randomUUIDv7());
  for (const id of ids) {
    await sql`
      insert into contacts (id, organization_id, environment_id, name)
      values (${id}, ${at.organizationId}, ${at.environmentId}, 'Visitor')`;
  }
  return ids;
}
