import { jwt } from '@elysiajs/jwt';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { forbidden, unauthorized } from '../lib/errors.ts';
import type { Role } from '../lib/models.ts';

export interface AgentPrincipal {
  id: string;
  organizationId: string;
  role: Role;
  /** Shown as the sender of the agent's messages. */
  name: string;
}

/** Signs and checks agent access tokens. */
export const accessTokens = (deps: Pick<ApiDeps, 'config' | 'jwtSecret'>) =>
  jwt({ name: 'accessJwt', secret: deps.jwtSecret, exp: `${deps.config.accessTokenTtl}s` });

export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

type VerifyJwt = (token: string) => Promise<false | Record<string, unknown>>;

/**
 * Checks a Bearer access token and reads the agent back from the database, so a removed or
 * disabled agent, or a changed role, takes effect on the very next request.
 */
export async function authenticateAgent(
  deps: ApiDeps,
  verify: VerifyJwt,
  authorization: string | undefined,
): Promise<AgentPrincipal> {
  const token = bearer(authorization);
  if (!token) throw unauthorized('Missing Bearer token');
  const claims = await verify(token);
  if (claims === false || claims.typ !== 'agent' || typeof claims.sub !== 'string') {
    throw unauthorized('Invalid or expired token');
  }
  const [row] = await deps.db.sql<
    { id: string; organization_id: string; role: Role; name: string }[]
  >`
    select id, organization_id, role, name from agents
    where id = ${claims.sub} and status = 'active'`;
  if (!row) throw unauthorized('This account is no longer active');
  return { id: row.id, organizationId: row.organization_id, role: row.role, name: row.name };
}

/**
 * Resolves `agent` from the Bearer access token on every route of the instance that uses it.
 * Named, with the configuration as its seed (as the other auth plugins): an instance that gets it
 * twice, directly or through another plugin, registers it once.
 */
export const agentAuth = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/agent-auth', seed: deps.config })
    .use(accessTokens(deps))
    .derive({ as: 'scoped' }, async ({ headers, accessJwt }) => ({
      agent: await authenticateAgent(deps, accessJwt.verify, headers.authorization),
    }));

/** Owners and admins manage the organization; agents read it and work conversations. */
export function requireManager(agent: AgentPrincipal): void {
  if (agent.role !== 'owner' && agent.role !== 'admin') throw forbidden();
}
