import { t } from 'elysia';
import { Id, ListQuery, Timestamp } from '../../lib/models.ts';
import { MAX_WEBHOOK_URL_LENGTH } from './target-url.ts';

/** The events a webhook can subscribe to; the dispatcher emits exactly these names. */
export const WebhookEvent = t.Union([
  t.Literal('conversation.created'),
  t.Literal('conversation.updated'),
  t.Literal('message.created'),
  t.Literal('contact.created'),
  t.Literal('contact.updated'),
]);
export type WebhookEvent = typeof WebhookEvent.static;

const Events = t.Array(WebhookEvent, { minItems: 1, uniqueItems: true });
/** Shape only; `checkWebhookUrl` decides what a target may be. */
const Url = t.String({ minLength: 1, maxLength: MAX_WEBHOOK_URL_LENGTH });

export const Webhook = t.Object({
  id: Id,
  environmentId: Id,
  url: t.String(),
  events: t.Array(WebhookEvent),
  enabled: t.Boolean(),
  consecutiveFailures: t.Integer(),
  disabledAt: t.Nullable(Timestamp, { description: 'Set when delivery failures disabled it' }),
  disabledReason: t.Nullable(t.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = typeof Webhook.static;

export const WebhookCreated = t.Composite([
  Webhook,
  t.Object({
    signingSecret: t.String({
      description: 'Signs every delivery (HMAC-SHA256); shown only in this answer',
    }),
  }),
]);
/** A rotation answers like a creation: the new secret, once. */
export const WebhookWithNewSecret = WebhookCreated;

export const WebhookCreate = t.Object({ url: Url, events: Events });
export const WebhookPatch = t.Object({
  url: t.Optional(Url),
  events: t.Optional(Events),
  enabled: t.Optional(
    t.Boolean({ description: 'Enabling also clears the failure count and the disable reason' }),
  ),
});
export const WebhookParams = t.Object({ id: Id, webhookId: Id });
export const WebhookIdParams = t.Object({ webhookId: Id });
export const DeliveryParams = t.Object({ webhookId: Id, deliveryId: Id });

export const DeliveryStatus = t.Union(
  [t.Literal('pending'), t.Literal('delivered'), t.Literal('failed')],
  { description: '`failed`: every attempt of the retry schedule failed, and it was given up' },
);

export const DeliveriesQuery = t.Composite([
  ListQuery,
  t.Object({ status: t.Optional(DeliveryStatus) }),
]);
export type DeliveriesQuery = typeof DeliveriesQuery.static;

export const Delivery = t.Object({
  id: Id,
  webhookId: Id,
  eventId: Id,
  eventType: t.String(),
  status: DeliveryStatus,
  attempts: t.Integer({ description: 'Attempts made (or in flight) so far' }),
  lastError: t.Nullable(t.String({ description: 'Why the last attempt failed' })),
  lastStatusCode: t.Nullable(t.Integer({ description: "The last attempt's HTTP status" })),
  nextAttemptAt: t.Nullable(
    Timestamp,
    // Also set while an earlier event of the same conversation is still being delivered.
    { description: 'When it is tried next (pending only)' },
  ),
  deliveredAt: t.Nullable(Timestamp),
  createdAt: Timestamp,
});
export type Delivery = typeof Delivery.static;
