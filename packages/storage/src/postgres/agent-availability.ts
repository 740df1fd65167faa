import type { AgentAvailability, PresenceRegistry } from '@flc/core';
import type { Sql } from './database.ts';
import { tickBatch } from './tick-batch.ts';
import { isUuid } from './uuid.ts';

/**
 * Who can answer a visitor now: an active agent of the organization with a console connected
 * (presence, as the console shows it) who has not switched to away.
 */
export class PostgresAgentAvailability implements AgentAvailability {
  /**
   * The organizations asked in one turn of the event loop, checked by one query: a realtime node
   * asks for every organization whose visitors connect, and again for each one whose agents come
   * online, so a connect storm would otherwise ask thousands of times at once.
   */
  private readonly answering;

  constructor(sql: Sql, presence: Pick<PresenceRegistry, 'online'>) {
    this.answering = tickBatch(async (organizationIds) => {
      const online = await Promise.all(organizationIds.map((id) => presence.online(id)));
      const agentIds = online.flatMap((ids) => [...ids].filter(isUuid));
      if (agentIds.length === 0) return new Map<string, true>();
      const rows = await sql<{ organization_id: string }[]>`
        select distinct organization_id from agents
        where id = any(${agentIds}::uuid[]) and organization_id = any(${organizationIds}::uuid[])
          and status = 'active' and not away`;
      return new Map(rows.map((r) => [r.organization_id, true as const]));
    });
  }

  async anyOnline(organizationId: string): Promise<boolean> {
    return isUuid(organizationId) && (await this.answering(organizationId)) === true;
  }
}
