import type { DirectoryAgent, DirectoryContact, PrincipalDirectory } from '@flc/core';
import type { Sql } from './database.ts';

/** Token subjects read back from `agents` and `contacts` on every authentication. */
export class PostgresPrincipalDirectory implements PrincipalDirectory {
  constructor(private readonly sql: Sql) {}

  async activeAgent(id: string): Promise<DirectoryAgent | null> {
    const [row] = await this.sql<{ id: string; organization_id: string; name: string }[]>`
      select id, organization_id, name from agents
      where id = ${id} and status = 'active'`;
    return row ? { id: row.id, organizationId: row.organization_id, name: row.name } : null;
  }

  async contact(id: string, environmentId: string): Promise<DirectoryContact | null> {
    const [row] = await this.sql<
      { id: string; organization_id: string; name: string | null; allowed_origins: string[] }[]
    >`
      select c.id, c.organization_id, c.name, e.allowed_origins
      from contacts c join environments e on e.id = c.environment_id
      where c.id = ${id} and c.environment_id = ${environmentId}`;
    return row
      ? {
          id: row.id,
          organizationId: row.organization_id,
          name: row.name,
          allowedOrigins: row.allowed_origins,
        }
      : null;
  }
}
