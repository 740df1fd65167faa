// `@flc/core/webhooks/envelope`: what a receiver sees of a delivery. It imports only the plain list of
// event types, so
// the admin package (@fast-light-chat/admin) bundles it as it is.
import type { WebhookEventType } from '@flc/protocol/webhook-events';

/** The events a webhook can subscribe to: exactly what the dispatcher sends. */
export { type WebhookEventType, webhookEventTypes } from '@flc/protocol/webhook-events';

/** Sent to one webhook on request (`POST /v1/webhooks/:id/test`); nobody subscribes to it. */
export const webhookTestEvent = 'webhook.test';
/** What a delivery can carry: a subscribed event, or the test event. */
export type DeliveredEventType = WebhookEventType | typeof webhookTestEvent;

/** The JSON body of every delivery, in this key order. */
export interface WebhookEnvelope<D = unknown> {
  /** The event's id (UUIDv7): the same on every attempt, so receivers drop repeats by it. */
  id: string;
  type: DeliveredEventType;
  /** When the change happened (ISO-8601 UTC). */
  createdAt: string;
  organizationId: string;
  environmentId: string;
  /**
   * `{conversation}`, `{message}` or `{contact}`: the resource as the REST API shows it;
   * `conversation.labels_changed` adds `added` and `removed` (labels).
   */
  data: D;
}

/** The headers of every delivery. */
export const webhookHeaders = {
  /** The event's id, as in the body. */
  eventId: 'X-FLC-Event-Id',
  eventType: 'X-FLC-Event-Type',
  /** Unix seconds of this attempt; signed together with the body. */
  timestamp: 'X-FLC-Timestamp',
  /** `v1=<hex HMAC-SHA256(signing secret, timestamp + "." + body)>`. */
  signature: 'X-FLC-Signature',
  /** The request that caused the event (its `X-Request-Id`), when one did: for support. */
  requestId: 'X-FLC-Request-Id',
} as const;
