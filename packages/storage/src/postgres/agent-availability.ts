import type { AgentAvailability, PresenceRegistry } from '@flc/core';
import type { Sql } from './database.ts';
import { isUuid } from './uuid.ts';

/**
 * Who can answer a visitor now: an active agent of the organization with a console connected
 * (presence, as the console shows it) who has not switched to away.
 */
export class PostgresAgentAvailability implements AgentAvailability {
  constructor(
    private readonly sql: Sql,
    private readonly presence: Pick<PresenceRegistry, 'online'>,
  ) {}

  async anyOnline(organizationId: string): Promise<boolean> {
    if (!isUuid(organizationId)) return false;
    const online = [...(await this.presence.online(organizationId))].filter(isUuid);
    if (online.length === 0) return false;
    const [row] = await this.sql`
      select 1 from agents
      where organization_id = ${organizationId} and id = any(${online}::uuid[])
        and status = 'active' and not away
      limit 1`;
    return row !== undefined;
  }
}
