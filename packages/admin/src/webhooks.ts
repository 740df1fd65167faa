import { type WebhookEnvelope, webhookHeaders } from '@flc/core/webhooks/envelope';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  verifyWebhook as verifySigned,
} from '@flc/core/webhooks/signing';

export type { DeliveredEventType, WebhookEnvelope } from '@flc/core/webhooks/envelope';
export { SIGNATURE_TOLERANCE_SECONDS, webhookHeaders };

/**
 * A request's headers as a fetch `Headers` (Bun, Deno, workers, Node's fetch) or as Node's
 * `IncomingMessage.headers` (lower-case names; a repeated header as an array).
 */
export type HeadersLike =
  | Headers
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

export interface VerifyWebhookInput {
  /** The webhook's signing secret (`whsec_...`), shown once when the webhook was created. */
  secret: string;
  /** The raw request body, exactly as received: parse it only after verifying. */
  body: string;
  headers: HeadersLike;
  /** How old a delivery may be, in seconds (default 300): an older one is refused as a replay. */
  toleranceSeconds?: number;
  /** Unix seconds now; for tests. */
  nowSeconds?: number;
}

/** Thrown by `verifyWebhook` for a delivery that is not the platform's, or not fresh. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

function header(headers: HeadersLike, name: string): string | null {
  if (typeof headers.get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? null);
}

/**
 * Whether the delivery carries a valid `X-FLC-Signature` (`v1=` HMAC-SHA256 of
 * `timestamp + "." + body`, compared in constant time by Web Crypto) with a fresh
 * `X-FLC-Timestamp`. Works in Node 20+, Bun, Deno, browsers and edge runtimes.
 */
export function verifyWebhookSignature(input: VerifyWebhookInput): Promise<boolean> {
  return verifySigned({
    secret: input.secret,
    body: input.body,
    timestamp: header(input.headers, webhookHeaders.timestamp),
    signature: header(input.headers, webhookHeaders.signature),
    toleranceSeconds: input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS,
    ...(input.nowSeconds === undefined ? {} : { nowSeconds: input.nowSeconds }),
  });
}

/**
 * Verifies a delivery and answers its parsed envelope (`{ id, type, createdAt, organizationId,
 * environmentId, data }`); throws a `WebhookVerificationError` when the signature or the
 * timestamp is wrong. Drop repeats by `id`: a retried delivery has the same one.
 */
export async function verifyWebhook<D = Record<string, unknown>>(
  input: VerifyWebhookInput,
): Promise<WebhookEnvelope<D>> {
  if (!input.secret) throw new TypeError('verifyWebhook needs the signing secret');
  if (!(await verifyWebhookSignature(input))) {
    throw new WebhookVerificationError('the webhook signature or timestamp is not valid');
  }
  return JSON.parse(input.body) as WebhookEnvelope<D>;
}
