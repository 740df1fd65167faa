import type { AuditContext, AuditOrigin } from '@flc/storage/postgres';
import type { Server } from 'bun';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { clientIp } from '../lib/client-ip.ts';
import { unauthorized } from '../lib/errors.ts';
import { type AgentPrincipal, agentAuth } from './auth.ts';
import { type InboxActor, inboxAuth } from './inbox-auth.ts';

/** The caller's address and browser, as the audit log keeps them (short). */
export function requestOrigin(
  request: Request,
  server: Server<unknown> | null,
  trustProxy: boolean,
): AuditOrigin {
  const ip = clientIp(request, server, trustProxy);
  return {
    ip: ip === 'unknown' ? null : ip,
    userAgent: request.headers.get('user-agent')?.slice(0, 200) || null,
  };
}

/** An agent's request as the actor of what it does. */
export const agentActs = (agent: AgentPrincipal, origin: AuditOrigin): AuditContext => ({
  actor: { kind: 'agent', id: agent.id, label: agent.name },
  origin,
});

/**
 * `agent` (as `agentAuth`) and `audit`: who acts and from where, for the services that record
 * what an agent's request changes (`recordAudit(tx, { ...audit, organizationId, action })`).
 */
export const agentAudit = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/agent-audit', seed: deps.config })
    .use(agentAuth(deps))
    .derive({ as: 'scoped' }, ({ agent, request, server }) => {
      // agentAuth answered 401 already; the types only do not know it runs first.
      if (!agent) throw unauthorized();
      return { audit: agentActs(agent, requestOrigin(request, server, deps.config.trustProxy)) };
    });

/** An agent's or an API key's request as the actor of what it does. */
export const inboxActs = (actor: InboxActor, origin: AuditOrigin): AuditContext =>
  actor.type === 'agent'
    ? agentActs(actor, origin)
    : { actor: { kind: 'api_key', id: actor.id, label: actor.name ?? '' }, origin };

/** `actor` (as `inboxAuth`: an agent or an API key) and `audit`, as `agentAudit` gives them. */
export const inboxAudit = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/inbox-audit', seed: deps.config })
    .use(inboxAuth(deps))
    .derive({ as: 'scoped' }, ({ actor, request, server }) => {
      if (!actor) throw unauthorized();
      return { audit: inboxActs(actor, requestOrigin(request, server, deps.config.trustProxy)) };
    });
