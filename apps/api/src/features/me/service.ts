import { type Bus, type PresenceRegistry, presenceStatus } from '@flc/core';
import type { Sql } from '@flc/storage/postgres';
import { inScope } from '@flc/storage/postgres';
import { type AgentRow, agentColumns, toAgent, withPresence } from '../../domain/agent.ts';
import {
  type OrganizationRow,
  organizationColumns,
  toOrganization,
} from '../../domain/organization.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import type { AgentPrincipal } from '../../plugins/auth.ts';

export class OrganizationService {
  constructor(
    private readonly sql: Sql,
    private readonly presence: PresenceRegistry,
    private readonly bus: Bus,
  ) {}

  async get(organizationId: string) {
    const [row] = await this.sql<OrganizationRow[]>`
      select ${this.sql.unsafe(organizationColumns)} from organizations
      where id = ${organizationId}`;
    if (!row) throw notFound('Organization');
    return toOrganization(row);
  }

  /**
   * Renames the organization (owners, admins) and turns the two-factor requirement on or off
   * (owners only). An owner turns it on only with two-factor on their own account, so the one
   * turning it on is never the first one locked into enrolment.
   */
  async update(
    agent: AgentPrincipal,
    patch: { name?: string | undefined; requireTwoFactor?: boolean | undefined },
  ) {
    const { organizationId } = agent;
    const { name, requireTwoFactor } = patch;
    if (requireTwoFactor !== undefined && agent.role !== 'owner') {
      throw forbidden('Only owners change the two-factor requirement');
    }
    if (requireTwoFactor === true) {
      const [own] = await this.sql`
        select 1 from agent_two_factor where agent_id = ${agent.id} and enabled_at is not null`;
      if (!own) throw conflict('Turn on two-factor sign-in for your own account first');
    }
    if (name === undefined && requireTwoFactor === undefined) return this.get(organizationId);
    const [row] = await this.sql<OrganizationRow[]>`
      update organizations set
        name = coalesce(${name ?? null}, name),
        require_two_factor = coalesce(${requireTwoFactor ?? null}::boolean, require_two_factor),
        updated_at = now()
      where id = ${organizationId}
      returning ${this.sql.unsafe(organizationColumns)}`;
    if (!row) throw notFound('Organization');
    return toOrganization(row);
  }

  async agent(agentId: string, organizationId: string) {
    const [row] = await this.sql<AgentRow[]>`
      select ${this.sql.unsafe(agentColumns)} from agents
      where id = ${agentId} and ${inScope(this.sql, { organizationId })}`;
    if (!row) throw notFound('Agent');
    return withPresence(toAgent(row), row, await this.presence.online(organizationId));
  }

  /**
   * The agent's own choice, kept across sessions: away, or back online. Teammates connected now
   * see it at once when the agent is connected; otherwise when it connects.
   */
  async setAway(agentId: string, organizationId: string, away: boolean) {
    const [row] = await this.sql<{ away: boolean }[]>`
      update agents set away = ${away}, updated_at = now()
      where id = ${agentId} and ${inScope(this.sql, { organizationId })}
      returning away`;
    if (!row) throw notFound('Agent');
    const online = (await this.presence.online(organizationId)).has(agentId);
    const status = presenceStatus(online, row.away);
    if (online) {
      await this.bus.signal(
        { kind: 'organization', organizationId },
        JSON.stringify({ t: 'presence', agentId, status }),
      );
    }
    return { status };
  }
}
