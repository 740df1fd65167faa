import {
  Environment,
  EnvironmentCreate,
  EnvironmentPatch,
  EnvironmentWithSecret,
  IdentitySecret,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, ListQuery, page } from '../../lib/models.ts';
import { requireObjectFieldsOf } from '../../lib/object-fields.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { type AgentPrincipal, agentAuth, requireManager } from '../../plugins/auth.ts';
import { EnvironmentService } from './service.ts';

const security = [{ bearer: [] }];
/** Lists also answer 400 for a cursor they did not issue. */
const listErrors = errors(400);
/** Writes are for owners and admins. */
const writeErrors = errors(403, 404);

/**
 * The identity secret lets its holder impersonate any contact: reads never carry it (managers
 * reveal it on purpose), and only managers see even its hint.
 */
function visible(agent: AgentPrincipal, env: Environment): Environment {
  if (agent.role === 'owner' || agent.role === 'admin') return env;
  const { identitySecretHint: _hidden, ...rest } = env;
  return rest;
}

export const environmentRoutes = (deps: ApiDeps) => {
  const service = new EnvironmentService(deps.db.sql, {
    ...deps,
    sql: deps.db.sql,
    plans: new PlanGuard(deps.planDirectory),
  });
  return new Elysia({ prefix: '/v1/environments', tags: ['environments'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .get(
      '',
      async ({ agent, query }) => {
        const result = await service.list(agent.organizationId, query.limit ?? 20, query.cursor);
        return { ...result, items: result.items.map((env) => visible(agent, env)) };
      },
      {
        query: ListQuery,
        response: { 200: page(Environment), ...listErrors },
        detail: { summary: "The organization's environments", security },
      },
    )
    .post(
      '',
      async ({ agent, audit, body, set }) => {
        requireManager(agent);
        const env = await service.create(audit, agent.organizationId, body);
        set.status = 201;
        return env;
      },
      {
        transform: requireObjectFieldsOf(EnvironmentCreate),
        body: EnvironmentCreate,
        response: { 201: EnvironmentWithSecret, ...errors(402, 403) },
        detail: {
          summary: 'Create an environment (owner, admin); the answer carries its identity secret',
          description:
            "402 `plan_limit_reached` (with `limit`) when the organization's plan allows no more environments.",
          security,
        },
      },
    )
    .get(
      '/:id',
      async ({ agent, params }) =>
        visible(agent, await service.get(agent.organizationId, params.id)),
      {
        params: IdParams,
        response: { 200: Environment, ...errors(404) },
        detail: { summary: 'One environment', security },
      },
    )
    .patch(
      '/:id',
      ({ agent, audit, params, body }) => {
        requireManager(agent);
        return service.update(audit, agent.organizationId, params.id, body);
      },
      {
        params: IdParams,
        transform: requireObjectFieldsOf(EnvironmentPatch),
        body: EnvironmentPatch,
        response: { 200: Environment, ...writeErrors },
        detail: {
          summary:
            'Rename, or change allowed origins, widget settings or widget language (owner, admin)',
          security,
        },
      },
    )
    .delete(
      '/:id',
      async ({ agent, audit, params, set }) => {
        requireManager(agent);
        await service.remove(audit, agent.organizationId, params.id);
        set.status = 204;
      },
      {
        params: IdParams,
        response: {
          204: t.Void({ description: 'Deleted, with its API keys and webhooks' }),
          ...writeErrors,
        },
        detail: { summary: 'Delete an environment (owner, admin)', security },
      },
    )
    .post(
      '/:id/plugin-key/rotate',
      ({ agent, audit, params }) => {
        requireManager(agent);
        return service.rotatePluginKey(audit, agent.organizationId, params.id);
      },
      {
        params: IdParams,
        response: { 200: Environment, ...writeErrors },
        detail: { summary: 'Issue a new plugin key; the old one stops working', security },
      },
    )
    .post(
      '/:id/identity-secret/rotate',
      ({ agent, audit, params }) => {
        requireManager(agent);
        return service.rotateIdentitySecret(audit, agent.organizationId, params.id);
      },
      {
        params: IdParams,
        response: { 200: EnvironmentWithSecret, ...writeErrors },
        detail: {
          summary:
            'Issue a new identity secret (in the answer); member hashes made with the old one fail',
          security,
        },
      },
    )
    .post(
      '/:id/identity-secret/reveal',
      ({ agent, audit, params }) => {
        requireManager(agent);
        return service.revealIdentitySecret(audit, agent.organizationId, params.id);
      },
      {
        params: IdParams,
        response: { 200: IdentitySecret, ...writeErrors },
        detail: {
          summary: 'The identity secret (owner, admin); lists and reads show only its hint',
          description:
            'A POST so that the secret is never in a cached or logged GET. Your server signs `memberId` with it: `memberHash` = hex HMAC-SHA256(identitySecret, memberId).',
          security,
        },
      },
    );
};
