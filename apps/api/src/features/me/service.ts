import {
  type AutoAssignment,
  availabilityMayHaveChanged,
  type Bus,
  type PresenceRegistry,
  presenceStatus,
} from '@flc/core';
import { searchConfigOf } from '@flc/protocol/resources';
import { inScope, reindexMessages, type Sql } from '@flc/storage/postgres';
import { type AgentRow, agentColumns, toAgent, withPresence } from '../../domain/agent.ts';
import {
  type OrganizationRow,
  organizationColumns,
  toOrganization,
} from '../../domain/organization.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import type { JobQueue } from '../../lib/job-queue.ts';
import type { AgentPrincipal } from '../../plugins/auth.ts';
import type { OrganizationPatch } from './model.ts';

export class OrganizationService {
  constructor(
    private readonly sql: Sql,
    private readonly presence: PresenceRegistry,
    private readonly bus: Bus,
    private readonly jobs: JobQueue,
    private readonly assignment: Pick<AutoAssignment, 'run'>,
  ) {}

  async get(organizationId: string) {
    const [row] = await this.sql<OrganizationRow[]>`
      select ${this.sql.unsafe(organizationColumns)} from organizations
      where id = ${organizationId}`;
    if (!row) throw notFound('Organization');
    return toOrganization(row);
  }

  /**
   * Renames the organization and sets its search language (owners, admins), and turns the
   * two-factor requirement on or off (owners only). An owner turns it on only with two-factor on
   * their own account, so the one turning it on is never the first one locked into enrolment.
   * A new search language re-indexes the organization's messages after the answer, in batches;
   * until done, older messages match as they were indexed.
   */
  async update(agent: AgentPrincipal, patch: OrganizationPatch) {
    const { organizationId } = agent;
    const { name, requireTwoFactor, searchLanguage } = patch;
    if (requireTwoFactor !== undefined && agent.role !== 'owner') {
      throw forbidden('Only owners change the two-factor requirement');
    }
    if (requireTwoFactor === true) {
      const [own] = await this.sql`
        select 1 from agent_two_factor where agent_id = ${agent.id} and enabled_at is not null`;
      if (!own) throw conflict('Turn on two-factor sign-in for your own account first');
    }
    if (Object.values(patch).every((v) => v === undefined)) return this.get(organizationId);
    const sql = this.sql;
    const [row] = await sql<(OrganizationRow & { reindex: boolean })[]>`
      update organizations o set
        name = coalesce(${name ?? null}, o.name),
        require_two_factor = coalesce(${requireTwoFactor ?? null}::boolean, o.require_two_factor),
        search_language = coalesce(${searchLanguage ?? null}, o.search_language),
        search_config = coalesce(
          ${searchLanguage ? searchConfigOf(searchLanguage) : null}::regconfig, o.search_config),
        updated_at = now()
      from (select search_config from organizations where id = ${organizationId}) before
      where o.id = ${organizationId}
      returning ${sql.unsafe(organizationColumns.replace(/(^|, )/g, '$1o.'))},
        o.search_config <> before.search_config as reindex`;
    if (!row) throw notFound('Organization');
    if (row.reindex) {
      this.jobs.push('search re-index', async () => {
        await reindexMessages(sql, organizationId);
      });
    }
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
   * see it at once when the agent is connected; otherwise when it connects. Back online with a
   * socket open, they may take conversations waiting in their teams: a round runs, as when
   * they connect.
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
      await availabilityMayHaveChanged(this.bus, organizationId);
    }
    if (status === 'online') await this.assignment.run(organizationId);
    return { status };
  }
}
