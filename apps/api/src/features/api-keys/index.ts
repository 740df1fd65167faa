import { ApiKey, ApiKeyCreated, ApiKeySelf } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, ListQuery, page } from '../../lib/models.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { apiKeyAuth } from '../../plugins/api-key-auth.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { ApiKeyCreate, KeyParams } from './model.ts';
import { ApiKeyService } from './service.ts';

const security = [{ bearer: [] }];

/** Agents manage an environment's keys; owners and admins only for writes. */
const managementRoutes = (deps: ApiDeps, service: ApiKeyService, plans: PlanGuard) =>
  new Elysia({ prefix: '/v1/environments/:id/api-keys', tags: ['api keys'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .get(
      '',
      ({ agent, params, query }) =>
        service.list(agent.organizationId, params.id, query.limit ?? 20, query.cursor),
      {
        params: IdParams,
        query: ListQuery,
        response: { 200: page(ApiKey), ...errors(400, 404) },
        detail: { summary: "The environment's API keys, revoked ones included", security },
      },
    )
    .post(
      '',
      async ({ agent, audit, params, body, set }) => {
        requireManager(agent);
        await plans.requireFeature(agent.organizationId, 'apiKeys');
        const created = await service.create(audit, agent.organizationId, params.id, body.name);
        set.status = 201;
        return created;
      },
      {
        params: IdParams,
        body: ApiKeyCreate,
        response: { 201: ApiKeyCreated, ...errors(402, 403, 404) },
        detail: {
          summary: 'Issue an API key; its secret is shown only now',
          description:
            "402 `plan_feature_unavailable` when the organization's plan has no API keys (`apiKeys`); keys issued before keep working.",
          security,
        },
      },
    )
    .delete(
      '/:keyId',
      async ({ agent, audit, params, set }) => {
        requireManager(agent);
        await service.revoke(audit, agent.organizationId, params.id, params.keyId);
        set.status = 204;
      },
      {
        params: KeyParams,
        response: {
          204: t.Void({ description: 'Revoked; it fails from the next request' }),
          ...errors(403, 404),
        },
        detail: { summary: 'Revoke an API key (owner, admin)', security },
      },
    );

/** Lets a tenant backend check its credentials before relying on them. */
const selfRoute = (deps: ApiDeps, service: ApiKeyService) =>
  new Elysia({ prefix: '/v1', tags: ['api keys'] })
    .use(apiKeyAuth(deps))
    .get('/api-key', ({ apiKey }) => service.describe(apiKey.id, apiKey.organizationId), {
      // 404 only if the key is deleted between authentication and this read.
      response: { 200: ApiKeySelf, ...errors(404) },
      detail: {
        summary: 'The calling API key and its environment',
        security: [{ apiKey: [], apiSecret: [] }],
      },
    });

export const apiKeyRoutes = (deps: ApiDeps) => {
  const service = new ApiKeyService(deps.db.sql);
  const plans = new PlanGuard(deps.planDirectory);
  return new Elysia().use(managementRoutes(deps, service, plans)).use(selfRoute(deps, service));
};
