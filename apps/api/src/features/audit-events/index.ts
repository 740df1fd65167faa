import { AuditEvent } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { forbidden } from '../../lib/errors.ts';
import { errors, page } from '../../lib/models.ts';
import { agentAuth } from '../../plugins/auth.ts';
import { AuditEventsQuery } from './model.ts';
import { AuditEventService } from './service.ts';

/**
 * The audit log is the owners': admins and agents get 403, and API keys (one environment's
 * backend) cannot read it at all.
 */
export const auditEventRoutes = (deps: ApiDeps) => {
  const service = new AuditEventService(deps.db.sql);
  return new Elysia({ prefix: '/v1/audit-events', tags: ['audit log'] }).use(agentAuth(deps)).get(
    '',
    ({ agent, query, set }) => {
      if (agent.role !== 'owner') throw forbidden('Only owners read the audit log');
      set.headers['cache-control'] = 'no-store';
      return service.list(agent.organizationId, query);
    },
    {
      query: AuditEventsQuery,
      response: { 200: page(AuditEvent), ...errors(400, 403) },
      detail: {
        summary: "The organization's audit log, newest first (owners)",
        description:
          'Sign-ins and failed sign-ins, invitations and role changes, API keys, webhooks and environment keys: who, when, from where. Append-only; never carries a secret, a token, a password or a message. Filters: `action` (a prefix, such as `agent.`), `actorId`, and `from` (inclusive) / `to` (exclusive).',
        security: [{ bearer: [] }],
      },
    },
  );
};
