import { jwt } from '@elysiajs/jwt';
import { checkPrincipal, type VerifiedPrincipal } from '@flc/core';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { forbidden, unauthorized } from '../lib/errors.ts';
import type { Role } from '../lib/models.ts';
import { noteOrganization } from '../lib/request-context.ts';
import { refuseSuspendedToken } from '../lib/suspension.ts';

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

/**
 * Checks a Bearer access token and reads the agent back from the directory (the same check as
 * the socket's, `checkPrincipal`), so a removed or disabled agent, or a changed role, takes
 * effect on the very next request; so does a suspension of its organization (403
 * `organization_suspended`).
 */
export async function authenticateAgent(
  deps: Pick<ApiDeps, 'jwtSecret' | 'principals'>,
  authorization: string | undefined,
): Promise<AgentPrincipal> {
  const token = bearer(authorization);
  if (!token) throw unauthorized('Missing Bearer token');
  const check = await checkPrincipal(deps.jwtSecret, deps.principals, token, 'agent');
  if (!check.ok) {
    if (check.reason === 'gone') await refuseSuspendedToken(deps, token);
    throw unauthorized(
      check.reason === 'gone' ? 'This account is no longer active' : 'Invalid or expired token',
    );
  }
  const { id, organizationId, role, name } = check.principal as Extract<
    VerifiedPrincipal,
    { type: 'agent' }
  >;
  return { id, organizationId, role, name };
}

/**
 * Resolves `agent` from the Bearer access token on every route of the instance that uses it.
 * Named, with the configuration as its seed (as the other auth plugins): an instance that gets it
 * twice, directly or through another plugin, registers it once.
 */
export const agentAuth = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/agent-auth', seed: deps.config }).derive(
    { as: 'scoped' },
    async ({ headers, request }) => {
      const agent = await authenticateAgent(deps, headers.authorization);
      noteOrganization(request, agent.organizationId);
      return { agent };
    },
  );

/** Owners and admins manage the organization; agents read it and work conversations. */
export function requireManager(agent: AgentPrincipal): void {
  if (agent.role !== 'owner' && agent.role !== 'admin') throw forbidden();
}

/** Owners alone: what could lock everyone else out (single sign-on). */
export function requireOwner(agent: AgentPrincipal): void {
  if (agent.role !== 'owner') throw forbidden('Only owners can do this');
}
