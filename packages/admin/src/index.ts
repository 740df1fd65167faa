export {
  type AdminAuth,
  type AdminClient,
  type AdminClientOptions,
  createAdminClient,
} from './client.ts';
export { AdminApiError, type ApiErrorBody, type CallResult, unwrap } from './errors.ts';
export type { components, operations, paths } from './openapi.ts';
export {
  type DeliveredEventType,
  type HeadersLike,
  SIGNATURE_TOLERANCE_SECONDS,
  type VerifyWebhookInput,
  verifyWebhook,
  verifyWebhookSignature,
  type WebhookEnvelope,
  WebhookVerificationError,
  webhookHeaders,
} from './webhooks.ts';
