import { inScope, type Sql } from '@flc/storage/postgres';

/**
 * Whether this agent may log in with a password: not when its organization enforces single
 * sign-on through an enabled connection, unless it is an owner (who must be able to repair a
 * broken connection).
 */
export async function passwordLoginAllowed(
  sql: Sql,
  agent: { organizationId: string; role: string },
): Promise<boolean> {
  if (agent.role === 'owner') return true;
  const [row] = await sql<{ enforced: boolean }[]>`
    select true as enforced from oidc_connections
    where ${inScope(sql, { organizationId: agent.organizationId })} and enabled and enforce_sso`;
  return !row;
}
