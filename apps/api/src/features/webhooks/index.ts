import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { authErrors, ErrorResponse, IdParams, ListQuery, page } from '../../lib/models.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import {
  Delivery,
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookParams,
  WebhookPatch,
} from './model.ts';
import { WebhookService } from './service.ts';

const security = [{ bearer: [] }];
/** Lists also answer 400 for a cursor they did not issue. */
const listErrors = { 400: ErrorResponse, ...authErrors };

export const webhookRoutes = (deps: ApiDeps) => {
  const service = new WebhookService(deps.db.sql, deps.config.webhookAllowPrivate);
  return new Elysia({ prefix: '/v1/environments/:id/webhooks', tags: ['webhooks'] })
    .use(agentAuth(deps))
    .get(
      '',
      ({ agent, params, query }) =>
        service.list(agent.organizationId, params.id, query.limit ?? 20, query.cursor),
      {
        params: IdParams,
        query: ListQuery,
        response: { 200: page(Webhook), ...listErrors },
        detail: { summary: "The environment's webhooks", security },
      },
    )
    .post(
      '',
      async ({ agent, params, body, set }) => {
        requireManager(agent);
        const created = await service.create(agent.organizationId, params.id, body);
        set.status = 201;
        return created;
      },
      {
        params: IdParams,
        body: WebhookCreate,
        response: { 201: WebhookCreated, ...authErrors },
        detail: { summary: 'Add a webhook; its signing secret is shown only now', security },
      },
    )
    .patch(
      '/:webhookId',
      ({ agent, params, body }) => {
        requireManager(agent);
        return service.update(agent.organizationId, params.id, params.webhookId, body);
      },
      {
        params: WebhookParams,
        body: WebhookPatch,
        response: { 200: Webhook, ...authErrors },
        detail: { summary: 'Change, disable or re-enable a webhook (owner, admin)', security },
      },
    )
    .delete(
      '/:webhookId',
      async ({ agent, params, set }) => {
        requireManager(agent);
        await service.remove(agent.organizationId, params.id, params.webhookId);
        set.status = 204;
      },
      {
        params: WebhookParams,
        response: { 204: t.Void({ description: 'Deleted, with its delivery log' }), ...authErrors },
        detail: { summary: 'Delete a webhook (owner, admin)', security },
      },
    )
    .get(
      '/:webhookId/deliveries',
      ({ agent, params, query }) =>
        service.deliveries(
          agent.organizationId,
          params.id,
          params.webhookId,
          query.limit ?? 20,
          query.cursor,
        ),
      {
        params: WebhookParams,
        query: ListQuery,
        response: { 200: page(Delivery), ...listErrors },
        detail: { summary: 'Delivery log of a webhook, newest first', security },
      },
    );
};
