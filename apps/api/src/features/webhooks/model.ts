import { t } from 'elysia';
import { Id, Timestamp } from '../../lib/models.ts';
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

export const WebhookCreate = t.Object({ url: Url, events: Events });
export const WebhookPatch = t.Object({
  url: t.Optional(Url),
  events: t.Optional(Events),
  enabled: t.Optional(
    t.Boolean({ description: 'Enabling also clears the failure count and the disable reason' }),
  ),
});
export const WebhookParams = t.Object({ id: Id, webhookId: Id });

export const DeliveryStatus = t.Union([
  t.Literal('pending'),
  t.Literal('delivered'),
  t.Literal('failed'),
]);

export const Delivery = t.Object({
  id: Id,
  eventId: Id,
  eventType: t.String(),
  status: DeliveryStatus,
  attempts: t.Integer(),
  lastError: t.Nullable(t.String()),
  lastStatusCode: t.Nullable(t.Integer()),
  nextAttemptAt: t.Nullable(Timestamp),
  deliveredAt: t.Nullable(Timestamp),
  createdAt: Timestamp,
});
export type Delivery = typeof Delivery.static;
