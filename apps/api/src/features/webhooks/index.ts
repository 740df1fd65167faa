import {
  Delivery,
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookPatch,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, ListQuery, page } from '../../lib/models.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import {
  DeliveriesQuery,
  DeliveryParams,
  WebhookIdParams,
  WebhookParams,
  WebhookWithNewSecret,
} from './model.ts';
import { WebhookService } from './service.ts';

const security = [{ bearer: [] }];

const SIGNING_NOTE = [
  'Each event is POSTed to `url` as JSON `{id, type, createdAt, organizationId, environmentId, data}`',
  'with the headers `X-FLC-Event-Id` (the event id, the same on every retry: drop repeats by it),',
  '`X-FLC-Event-Type`, `X-FLC-Timestamp` (unix seconds) and',
  '`X-FLC-Signature: v1=<hex HMAC-SHA256(signingSecret, timestamp + "." + raw body)>`;',
  'a message sent through the API or a socket adds `X-FLC-Request-Id`, the request id its logs carry,',
  "and, when the platform exports traces, `traceparent` (W3C Trace Context: the attempt's span).",
  'Check the signature and that the timestamp is within 5 minutes. Any 2xx within',
  '`FLC_WEBHOOK_TIMEOUT_MS` is a delivery; anything else is retried on `FLC_WEBHOOK_RETRY_SCHEDULE`,',
  'and the events of one conversation arrive in order, each after the previous one was delivered',
  'or given up. `FLC_WEBHOOK_DISABLE_AFTER` events given up in a row disable the webhook.',
  "A message's `attachments` (name, type, size, image size) each carry a `url` signed at the",
  'attempt and good for `FLC_ATTACHMENT_LINK_TTL` seconds: `GET` it with no credentials for the',
  'bytes (absolute under `FLC_PUBLIC_URL`, else a path on this API; 403 when altered, 410',
  '`link_expired` once its time is up).',
].join(' ');
/** Lists also answer 400 for a cursor they did not issue. */
const listErrors = errors(400, 404);
/** Writes are for owners and admins. */
const writeErrors = errors(403, 404);
/** Actions that depend on the webhook's or the delivery's state (disabled, not failed). */
const actionErrors = errors(403, 404, 409);

export const webhookRoutes = (deps: ApiDeps) => {
  const service = new WebhookService(
    deps.db.sql,
    deps.config.webhookAllowPrivate,
    new PlanGuard(deps.planDirectory),
    deps.webhookCreated,
  );
  return new Elysia()
    .use(environmentWebhookRoutes(deps, service))
    .use(webhookDeliveryRoutes(deps, service));
};

/** Webhooks under their environment: owners and admins write, agents read. */
const environmentWebhookRoutes = (deps: ApiDeps, service: WebhookService) =>
  new Elysia({ prefix: '/v1/environments/:id/webhooks', tags: ['webhooks'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
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
      async ({ agent, audit, params, body, set }) => {
        requireManager(agent);
        const created = await service.create(audit, agent.organizationId, params.id, body);
        set.status = 201;
        return created;
      },
      {
        params: IdParams,
        body: WebhookCreate,
        response: { 201: WebhookCreated, ...errors(402, 403, 404) },
        detail: {
          summary: 'Add a webhook; its signing secret is shown only now',
          description: `${SIGNING_NOTE} 402 \`plan_feature_unavailable\` when the organization's plan has no webhooks, 402 \`plan_limit_reached\` (with \`limit\`) when it allows no more webhook endpoints (counted over every environment).`,
          security,
        },
      },
    )
    .patch(
      '/:webhookId',
      ({ agent, audit, params, body }) => {
        requireManager(agent);
        return service.update(audit, agent.organizationId, params.id, params.webhookId, body);
      },
      {
        params: WebhookParams,
        body: WebhookPatch,
        response: { 200: Webhook, ...writeErrors },
        detail: { summary: 'Change, disable or re-enable a webhook (owner, admin)', security },
      },
    )
    .delete(
      '/:webhookId',
      async ({ agent, audit, params, set }) => {
        requireManager(agent);
        await service.remove(audit, agent.organizationId, params.id, params.webhookId);
        set.status = 204;
      },
      {
        params: WebhookParams,
        response: {
          204: t.Void({ description: 'Deleted, with its delivery log' }),
          ...writeErrors,
        },
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

/**
 * By webhook id alone, for a link that does not carry the environment: the delivery log, and
 * the managers' actions on a webhook (test event, retry, new secret).
 */
const webhookDeliveryRoutes = (deps: ApiDeps, service: WebhookService) =>
  new Elysia({ prefix: '/v1/webhooks', tags: ['webhooks'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .post(
      '/:webhookId/test',
      async ({ agent, params, set }) => {
        requireManager(agent);
        const delivery = await service.sendTest(agent.organizationId, params.webhookId);
        set.status = 202;
        return delivery;
      },
      {
        params: WebhookIdParams,
        response: { 202: Delivery, ...actionErrors },
        detail: {
          summary: 'Queue a signed `webhook.test` event for this webhook only (owner, admin)',
          description:
            'Delivered like any other event (signed, retried, in the delivery log), with `data: {webhook}`. 409 when the webhook is disabled.',
          security,
        },
      },
    )
    .post(
      '/:webhookId/deliveries/:deliveryId/retry',
      ({ agent, params }) => {
        requireManager(agent);
        return service.retryDelivery(agent.organizationId, params.webhookId, params.deliveryId);
      },
      {
        params: DeliveryParams,
        response: { 200: Delivery, ...actionErrors },
        detail: {
          summary: 'Queue a failed delivery again, with the same event id (owner, admin)',
          description:
            'Only a `failed` (given-up) delivery of an enabled webhook: anything else is 409. It is due at once and gets the whole retry schedule again; receivers drop it by `X-FLC-Event-Id` if they processed it before.',
          security,
        },
      },
    )
    .post(
      '/:webhookId/rotate-secret',
      ({ agent, audit, params }) => {
        requireManager(agent);
        return service.rotateSecret(audit, agent.organizationId, params.webhookId);
      },
      {
        params: WebhookIdParams,
        response: { 200: WebhookWithNewSecret, ...writeErrors },
        detail: {
          summary: 'Issue a new signing secret, shown only in this answer (owner, admin)',
          description:
            'The old secret stops signing at once: every attempt from now on, retries of earlier events too, is signed with the new one.',
          security,
        },
      },
    )
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
