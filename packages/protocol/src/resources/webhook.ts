import { type Static, Type as T, type TLiteral } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { webhookEventTypes } from './webhook-event-types.ts';

/** One literal per name, as a tuple: the union's static type stays the list's names. */
type Literals<Names extends readonly string[]> = {
  -readonly [K in keyof Names]: TLiteral<Names[K]>;
};

/** The events a webhook can subscribe to; the dispatcher emits exactly these names. */
export const WebhookEvent = T.Union(
  webhookEventTypes.map((type) => T.Literal(type)) as Literals<typeof webhookEventTypes>,
);
export type WebhookEvent = Static<typeof WebhookEvent>;

export const Webhook = T.Object({
  id: Id,
  environmentId: Id,
  url: T.String(),
  events: T.Array(WebhookEvent),
  enabled: T.Boolean(),
  consecutiveFailures: T.Integer(),
  disabledAt: Nullable(Timestamp, { description: 'Set when delivery failures disabled it' }),
  disabledReason: Nullable(T.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = Static<typeof Webhook>;

export const WebhookCreated = T.Composite([
  Webhook,
  T.Object({
    signingSecret: T.String({
      description: 'Signs every delivery (HMAC-SHA256); shown only in this answer',
    }),
  }),
]);
export type WebhookCreated = Static<typeof WebhookCreated>;

export const MAX_WEBHOOK_URL_LENGTH = 2048;

const Events = T.Array(WebhookEvent, { minItems: 1, uniqueItems: true });
/** Shape only; the API's target check decides what a target may be. */
const Url = T.String({ minLength: 1, maxLength: MAX_WEBHOOK_URL_LENGTH });

export const WebhookCreate = T.Object({ url: Url, events: Events });
export type WebhookCreate = Static<typeof WebhookCreate>;

export const WebhookPatch = T.Object({
  url: T.Optional(Url),
  events: T.Optional(Events),
  enabled: T.Optional(
    T.Boolean({ description: 'Enabling also clears the failure count and the disable reason' }),
  ),
});
export type WebhookPatch = Static<typeof WebhookPatch>;

export const DeliveryStatus = T.Union(
  [T.Literal('pending'), T.Literal('delivered'), T.Literal('failed')],
  { description: '`failed`: every attempt of the retry schedule failed, and it was given up' },
);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

export const Delivery = T.Object({
  id: Id,
  webhookId: Id,
  eventId: Id,
  eventType: T.String(),
  status: DeliveryStatus,
  attempts: T.Integer({ description: 'Attempts made (or in flight) so far' }),
  lastError: Nullable(T.String({ description: 'Why the last attempt failed' })),
  lastStatusCode: Nullable(T.Integer({ description: "The last attempt's HTTP status" })),
  nextAttemptAt: Nullable(
    Timestamp,
    // Also set while an earlier event of the same conversation is still being delivered.
    { description: 'When it is tried next (pending only)' },
  ),
  deliveredAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type Delivery = Static<typeof Delivery>;
