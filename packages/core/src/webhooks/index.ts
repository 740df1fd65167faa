export { withFreshAttachmentLinks } from './attachment-links.ts';
export {
  type ConversationResource,
  conversationEvent,
  labelsChangedEvent,
  toConversationResource,
} from './conversation-events.ts';
export {
  type DispatcherOptions,
  type DispatchOutcome,
  type DispatchSignals,
  WebhookDispatcher,
  webhookBody,
} from './dispatcher.ts';
export {
  type DeliveredEventType,
  type MessageEventOutbox,
  type RequestIds,
  type WebhookEnvelope,
  type WebhookEventInput,
  type WebhookEventType,
  webhookEventTypes,
  webhookHeaders,
  webhookTestEvent,
} from './events.ts';
export { type FanOutOptions, fanOutMessages, type MessageSubscribers } from './fan-out.ts';
export { isPrivateHost, parseIpv4, parseIpv6 } from './private-address.ts';
export type { AttemptResult, ClaimedDelivery, DeliveryQueue } from './queue.ts';
export { retryDelay } from './retry.ts';
export {
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  type VerifyInput,
  verifyWebhook,
} from './signing.ts';
