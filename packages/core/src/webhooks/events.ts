import type { WebhookEventType } from '@flc/protocol/webhook-events';
import type { Message } from '../message.ts';

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

/** An event as its writer records it in the outbox, once per subscribed webhook. */
export interface WebhookEventInput {
  id: string;
  type: WebhookEventType;
  organizationId: string;
  environmentId: string;
  /**
   * What the event is about (a conversation, or a contact): one webhook gets the events of one
   * subject in the order they were recorded, each after the previous one is settled.
   */
  subjectId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * Where `message.created` events are recorded (`note.created` for a note: a webhook gets notes
 * only when it subscribed to them): by the append path when it writes messages through, and by
 * the webhooks' consumer group over the bus's streams when it does not. The event id derives
 * from the message id, so recording a message twice records one event.
 */
export interface MessageEventOutbox {
  /**
   * Answers how many deliveries were queued (0 when no webhook subscribes). `requestIds` (message
   * id → the id of the request that sent it) goes with each delivery, for its logs and its
   * `X-FLC-Request-Id` header; `traceparents` (message id → its append span's W3C
   * `traceparent`, when traced) too, so the attempt's span joins the message's trace.
   */
  messagesCreated(
    messages: Message[],
    requestIds?: RequestIds,
    traceparents?: RequestIds,
  ): Promise<number>;
}

/** The request id (or `traceparent`) each message was sent with, by message id. */
export type RequestIds = ReadonlyMap<string, string>;
