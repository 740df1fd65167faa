import type { Sql } from '@flc/storage/postgres';
import { type AgentRow, agentColumns, toAgent } from '../../domain/agent.ts';
import { type OrganizationRow, toOrganization } from '../../domain/organization.ts';
import { notFound } from '../../lib/errors.ts';

export class OrganizationService {
  constructor(private readonly sql: Sql) {}

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
      where id = ${agentId} and organization_id = ${organizationId}`;
    if (!row) throw notFound('Agent');
    return toAgent(row);
  }
}
