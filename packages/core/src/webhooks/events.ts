import type { WebhookEventType } from '@flc/protocol/webhook-events';
import type { Message } from '../message.ts';

export {
  type DeliveredEventType,
  type WebhookEnvelope,
  type WebhookEventType,
  webhookEventTypes,
  webhookHeaders,
  webhookTestEvent,
} from './envelope.ts';

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
