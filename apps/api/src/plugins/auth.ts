import { jwt } from '@elysiajs/jwt';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { forbidden, unauthorized } from '../lib/errors.ts';
import type { Role } from '../lib/models.ts';

export interface AgentPrincipal {
  id: string;
  organizationId: string;
  role: Role;
}

/** Signs and checks agent access tokens. */
export const accessTokens = (deps: ApiDeps) =>
  jwt({ name: 'accessJwt', secret: deps.jwtSecret, exp: `${deps.config.accessTokenTtl}s` });

export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

/**
 * Resolves `agent` from the Bearer access token on every route of the instance that uses it.
 * The agent is read back from the database each time, so a removed or disabled agent, or a
 * changed role, takes effect on the very next request.
 */
export const agentAuth = (deps: ApiDeps) =>
  new Elysia().use(accessTokens(deps)).derive({ as: 'scoped' }, async ({ headers, accessJwt }) => {
    const token = bearer(headers.authorization);
    if (!token) throw unauthorized('Missing Bearer token');
    const claims = await accessJwt.verify(token);
    if (claims === false || claims.typ !== 'agent' || typeof claims.sub !== 'string') {
      throw unauthorized('Invalid or expired token');
    }
    const [row] = await deps.db.sql<{ id: string; organization_id: string; role: Role }[]>`
      select id, organization_id, role from agents
      where id = ${claims.sub} and status = 'active'`;
    if (!row) throw unauthorized('This account is no longer active');
    const agent: AgentPrincipal = {
      id: row.id,
      organizationId: row.organization_id,
      role: row.role,
    };
    return { agent };
  });

/** Owners and admins manage the organization; agents read it and work conversations. */
export function requireManager(agent: AgentPrincipal): void {
  if (agent.role !== 'owner' && agent.role !== 'admin') throw forbidden();
}
