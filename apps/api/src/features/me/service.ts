import { type Bus, type PresenceRegistry, presenceStatus } from '@flc/core';
import type { Sql } from '@flc/storage/postgres';
import { inScope } from '@flc/storage/postgres';
import { type AgentRow, agentColumns, toAgent, withPresence } from '../../domain/agent.ts';
import { type OrganizationRow, toOrganization } from '../../domain/organization.ts';
import { notFound } from '../../lib/errors.ts';

export class OrganizationService {
  constructor(
    private readonly sql: Sql,
    private readonly presence: PresenceRegistry,
    private readonly bus: Bus,
  ) {}

  async get(organizationId: string) {
    const [row] = await this.sql<OrganizationRow[]>`
      select id, name, created_at from organizations where id = ${organizationId}`;
    if (!row) throw notFound('Organization');
    return toOrganization(row);
  }

  async rename(organizationId: string, name: string | undefined) {
    if (name === undefined) return this.get(organizationId);
    const [row] = await this.sql<OrganizationRow[]>`
      update organizations set name = ${name}, updated_at = now() where id = ${organizationId}
      returning id, name, created_at`;
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
