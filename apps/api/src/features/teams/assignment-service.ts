import type { AutoAssignment } from '@flc/core';
import type { Agent, AssignmentPolicy, AssignmentPolicyUpdate } from '@flc/protocol/resources';
import { type AuditContext, recordAudit, type Sql } from '@flc/storage/postgres';
import { type AgentRow, agentColumns, toAgent } from '../../domain/agent.ts';
import { notFound, validation } from '../../lib/errors.ts';

interface PolicyRow {
  mode: AssignmentPolicy['mode'];
  team_id: string | null;
}

/**
 * An environment's assignment policy and each agent's capacity. Owners and admins set them (the
 * routes check), each change audited; a change that may free room runs an assignment round.
 */
export class AssignmentSettings {
  constructor(
    private readonly sql: Sql,
    private readonly assignment: Pick<AutoAssignment, 'run'>,
  ) {}

  /** `manual` without a team until set; 404 for an environment of another organization. */
  async policy(organizationId: string, environmentId: string): Promise<AssignmentPolicy> {
    const [row] = await this.sql<(PolicyRow & { found: boolean })[]>`
      select p.mode, p.team_id, true as found from environments e
      left join assignment_policies p on p.environment_id = e.id
      where e.id = ${environmentId} and e.organization_id = ${organizationId}`;
    if (!row) throw notFound('Environment');
    return { environmentId, mode: row.mode ?? 'manual', teamId: row.team_id };
  }

  async setPolicy(
    audit: AuditContext,
    organizationId: string,
    environmentId: string,
    input: AssignmentPolicyUpdate,
  ): Promise<AssignmentPolicy> {
    const before = await this.policy(organizationId, environmentId);
    if (input.mode !== 'manual' && input.teamId === null) {
      throw validation('Automatic assignment needs a team', [
        { path: 'body.teamId', message: 'Required unless the mode is `manual`' },
      ]);
    }
    await this.sql.begin(async (tx) => {
      if (input.teamId !== null) {
        const [team] = await tx`
          select 1 from teams where id = ${input.teamId} and organization_id = ${organizationId}
          for key share`;
        if (!team) {
          throw validation('Not a team of this organization', [
            { path: 'body.teamId', message: 'Not a team of this organization' },
          ]);
        }
      }
      await tx`
        insert into assignment_policies (environment_id, organization_id, mode, team_id)
        values (${environmentId}, ${organizationId}, ${input.mode}, ${input.teamId})
        on conflict (environment_id) do update set
          mode = excluded.mode, team_id = excluded.team_id, updated_at = now(),
          cursor_agent_id = case when assignment_policies.team_id is distinct from excluded.team_id
                            then null else assignment_policies.cursor_agent_id end`;
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'environment.assignment_policy_changed',
        target: { type: 'environment', id: environmentId },
        details: {
          mode: { before: before.mode, after: input.mode },
          teamId: { before: before.teamId, after: input.teamId },
        },
      });
    });
    await this.assignment.run(organizationId);
    return { environmentId, mode: input.mode, teamId: input.teamId };
  }

  /** 404 for an agent of another organization. */
  async setCapacity(
    audit: AuditContext,
    organizationId: string,
    agentId: string,
    capacity: number | null,
  ): Promise<Agent> {
    const row = await this.sql.begin(async (tx) => {
      const [before] = await tx<{ capacity: number | null }[]>`
        select capacity from agents
        where id = ${agentId} and organization_id = ${organizationId} for update`;
      if (!before) throw notFound('Agent');
      const [after] = await tx<AgentRow[]>`
        update agents set capacity = ${capacity}, updated_at = now() where id = ${agentId}
        returning ${tx.unsafe(agentColumns)}`;
      if (before.capacity !== capacity) {
        await recordAudit(tx, {
          ...audit,
          organizationId,
          action: 'agent.capacity_changed',
          target: { type: 'agent', id: agentId },
          details: { capacity: { before: before.capacity, after: capacity } },
        });
      }
      return after;
    });
    // More room (or none taken away): conversations waiting may go to this agent now.
    await this.assignment.run(organizationId);
    return toAgent(row as AgentRow);
  }
}
