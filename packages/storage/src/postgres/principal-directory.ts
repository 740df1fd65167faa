import type { DirectoryAgent, DirectoryContact, PrincipalDirectory } from '@flc/core';
import type { Sql } from './database.ts';
import { tickBatch } from './tick-batch.ts';
import { isUuid } from './uuid.ts';

interface AgentRow {
  id: string;
  organization_id: string;
  name: string;
  role: DirectoryAgent['role'];
  sessions_revoked_ms: number | null;
}

interface ContactRow {
  id: string;
  environment_id: string;
  organization_id: string;
  name: string | null;
  allowed_origins: string[];
}

/**
 * Token subjects read back from `agents` and `contacts` on every authentication (REST requests
 * and socket connects alike, see `checkPrincipal`); the lookups of one tick share one query. An
 * agent or contact of a suspended organization is gone until an operator resumes it.
 */
export class PostgresPrincipalDirectory implements PrincipalDirectory {
  private readonly agents;
  private readonly contacts;
  private readonly away;

  constructor(private readonly sql: Sql) {
    this.agents = tickBatch(async (ids) => {
      const rows = await sql<AgentRow[]>`
        select a.id, a.organization_id, a.name, a.role,
          (extract(epoch from a.sessions_revoked_at) * 1000)::float8 as sessions_revoked_ms
        from agents a join organizations o on o.id = a.organization_id
        where a.id = any(${ids}::uuid[]) and a.status = 'active' and o.suspended_at is null`;
      return new Map<string, DirectoryAgent>(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            organizationId: r.organization_id,
            name: r.name,
            role: r.role,
            ...(r.sessions_revoked_ms === null ? {} : { sessionsRevokedAt: r.sessions_revoked_ms }),
          },
        ]),
      );
    });
    this.contacts = tickBatch(async (ids) => {
      const rows = await sql<ContactRow[]>`
        select c.id, c.environment_id, c.organization_id, c.name, e.allowed_origins
        from contacts c join environments e on e.id = c.environment_id
          join organizations o on o.id = c.organization_id
        where c.id = any(${ids}::uuid[]) and o.suspended_at is null`;
      return new Map(rows.map((r) => [r.id, r]));
    });
    this.away = tickBatch(async (ids) => {
      const rows = await sql<{ id: string; away: boolean }[]>`
        select id, away from agents where id = any(${ids}::uuid[])`;
      return new Map(rows.map((r) => [r.id, r.away]));
    });
  }

  /** A malformed id in a (validly signed) token must not fail the whole batch's query. */
  async activeAgent(id: string): Promise<DirectoryAgent | null> {
    return isUuid(id) ? this.agents(id) : null;
  }

  async agentAway(id: string): Promise<boolean> {
    return isUuid(id) && (await this.away(id)) === true;
  }

  async organizationSuspended(organizationId: string): Promise<boolean> {
    if (!isUuid(organizationId)) return false;
    const [row] = await this.sql`
      select 1 from organizations where id = ${organizationId} and suspended_at is not null`;
    return row !== undefined;
  }

  async contact(id: string, environmentId: string): Promise<DirectoryContact | null> {
    const row = isUuid(id) ? await this.contacts(id) : null;
    if (!row || row.environment_id !== environmentId) return null;
    return {
      id: row.id,
      organizationId: row.organization_id,
      environmentId: row.environment_id,
      name: row.name,
      // Most environments allow any origin: their visitors share one empty list.
      allowedOrigins: row.allowed_origins.length > 0 ? row.allowed_origins : anyOrigin,
    };
  }
}

const anyOrigin: string[] = [];
