import type { DeliveredEventType } from './events.ts';

/** One delivery leased to a dispatcher for one attempt. */
export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: DeliveredEventType;
  organizationId: string;
  environmentId: string;
  /** The event's time, `createdAt` in the body. */
  occurredAt: string;
  data: unknown;
  /** This attempt's number: 1 for the first. */
  attempt: number;
  url: string;
  signingSecret: string;
  /** The request that caused the event, when known: sent as `X-FLC-Request-Id`, and logged. */
  requestId?: string;
  /** The W3C `traceparent` of the append that caused the event, when traced: the attempt's parent. */
  traceparent?: string;
}

export type AttemptResult =
  | { ok: true; statusCode: number }
  | { ok: false; statusCode: number | null; error: string };

/**
 * The dispatcher's view of the delivery queue (PostgreSQL: `webhook_deliveries`). A claim leases
 * deliveries to this dispatcher; a lease that runs out (its dispatcher died mid-flight) makes the
 * delivery claimable again, so none is lost, and results are written only under the lease they
 * were claimed with, so a late answer never overwrites a newer attempt.
 */
export interface DeliveryQueue {
  /**
   * Leases up to `limit` deliveries that are due, of enabled webhooks, each the oldest unsettled
   * one of its webhook and subject; several dispatchers claim side by side without overlap.
   */
  claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** A 2xx answer: delivered. The webhook's run of failures ends. */
  delivered(delivery: ClaimedDelivery, statusCode: number): Promise<void>;
  /**
   * A failed attempt: retried in `retryInMs`, or given up when it is null. A given-up event
   * counts against its webhook, which is disabled (with a reason) after `disableAfter` in a row.
   */
  failed(
    delivery: ClaimedDelivery,
    result: Extract<AttemptResult, { ok: false }>,
    retryInMs: number | null,
    disableAfter: number,
  ): Promise<{ disabled: boolean }>;
  /** Releases leases without a result (a dispatcher stopping): claimable again at once. */
  handBack(deliveries: ClaimedDelivery[]): Promise<void>;
}
