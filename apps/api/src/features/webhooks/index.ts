import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { authErrors, ErrorResponse, IdParams, ListQuery, page } from '../../lib/models.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import {
  DeliveriesQuery,
  Delivery,
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookIdParams,
  WebhookParams,
  WebhookPatch,
} from './model.ts';
import { WebhookService } from './service.ts';

const security = [{ bearer: [] }];

const SIGNING_NOTE = [
  'Each event is POSTed to `url` as JSON `{id, type, createdAt, organizationId, environmentId, data}`',
  'with the headers `X-FLC-Event-Id` (the event id, the same on every retry: drop repeats by it),',
  '`X-FLC-Event-Type`, `X-FLC-Timestamp` (unix seconds) and',
  '`X-FLC-Signature: v1=<hex HMAC-SHA256(signingSecret, timestamp + "." + raw body)>`.',
  'Check the signature and that the timestamp is within 5 minutes. Any 2xx within',
  '`FLC_WEBHOOK_TIMEOUT_MS` is a delivery; anything else is retried on `FLC_WEBHOOK_RETRY_SCHEDULE`,',
  'and the events of one conversation arrive in order, each after the previous one was delivered',
  'or given up. `FLC_WEBHOOK_DISABLE_AFTER` events given up in a row disable the webhook.',
].join(' ');
/** Lists also answer 400 for a cursor they did not issue. */
const listErrors = { 400: ErrorResponse, ...authErrors };

export const webhookRoutes = (deps: ApiDeps) => {
  const service = new WebhookService(deps.db.sql, deps.config.webhookAllowPrivate);
  return new Elysia()
    .use(environmentWebhookRoutes(deps, service))
    .use(webhookDeliveryRoutes(deps, service));
};

/** Webhooks under their environment: owners and admins write, agents read. */
const environmentWebhookRoutes = (deps: ApiDeps, service: WebhookService) =>
  new Elysia({ prefix: '/v1/environments/:id/webhooks', tags: ['webhooks'] })
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
        detail: {
          summary: 'Add a webhook; its signing secret is shown only now',
          description: SIGNING_NOTE,
          security,
        },
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
        service.deliveries(agent.organizationId, params.id, params.webhookId, query),
      {
        params: WebhookParams,
        query: DeliveriesQuery,
        response: { 200: page(Delivery), ...listErrors },
        detail: { summary: 'Delivery log of a webhook, newest first', security },
      },
    );

/** The delivery log by webhook id alone, for a link that does not carry the environment. */
const webhookDeliveryRoutes = (deps: ApiDeps, service: WebhookService) =>
  new Elysia({ prefix: '/v1/webhooks', tags: ['webhooks'] })
    .use(agentAuth(deps))
    .get(
      '/:webhookId/deliveries',
      ({ agent, params, query }) =>
        service.deliveries(agent.organizationId, null, params.webhookId, query),
      {
        params: WebhookIdParams,
        query: DeliveriesQuery,
        response: { 200: page(Delivery), ...listErrors },
        detail: {
          summary:
            'Delivery log of a webhook, newest first: attempts, last status code and error, next attempt',
          security,
        },
      },
    );
