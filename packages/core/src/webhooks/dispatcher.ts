import { errorReporter, type Logger, logger } from '@flc/log';
import { startSpan } from '@flc/telemetry';
import { pause } from '../consume.ts';
import { type WebhookEnvelope, webhookHeaders } from './events.ts';
import type { AttemptResult, ClaimedDelivery, DeliveryQueue } from './queue.ts';
import { retryDelay } from './retry.ts';
import { signWebhook } from './signing.ts';

export interface DispatcherOptions {
  /** Attempts in flight at once. */
  concurrency: number;
  /** An attempt with no answer by then fails (and is retried). */
  timeoutMs: number;
  /** Waits between attempts (see `parseRetrySchedule`). */
  retrySchedule: readonly number[];
  /** Events given up in a row after which a webhook is disabled. */
  disableAfter: number;
  /** How often an idle dispatcher looks for due deliveries. */
  pollMs: number;
  /**
   * How long a claim is leased: longer than an attempt (timeout included) plus writing its
   * result. A dispatcher killed mid-flight holds its deliveries that long. Default: timeout + 5 s.
   */
  leaseMs?: number;
  /**
   * The data as an attempt sends it (links signed at the attempt: `withFreshAttachmentLinks`);
   * default: as recorded.
   */
  prepareData?: (data: unknown) => unknown;
  /** Checks a target just before an attempt (its resolved addresses); a string refuses it. */
  checkTarget?: (url: URL) => Promise<string | null>;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  random?: () => number;
  now?: () => number;
  onOutcome?: (outcome: DispatchOutcome) => void;
  onError?: (error: unknown) => void;
}

export type DispatchOutcome =
  | { type: 'delivered'; delivery: ClaimedDelivery; statusCode: number }
  | { type: 'retrying'; delivery: ClaimedDelivery; error: string; retryInMs: number }
  | { type: 'failed'; delivery: ClaimedDelivery; error: string; disabled: boolean }
  | { type: 'handed-back'; delivery: ClaimedDelivery };

export interface DispatchSignals {
  /** Claim nothing more; the attempts in flight finish and their results are written. */
  stop: AbortSignal;
  /** Cut the attempts in flight short and hand their deliveries back (a stop out of time). */
  abandon?: AbortSignal;
}

/** The body of a delivery: the envelope, in its documented key order. */
export function webhookBody(d: ClaimedDelivery, data: unknown = d.data): string {
  const envelope: WebhookEnvelope = {
    id: d.eventId,
    type: d.eventType,
    createdAt: d.occurredAt,
    organizationId: d.organizationId,
    environmentId: d.environmentId,
    data,
  };
  return JSON.stringify(envelope);
}

const MAX_ERROR_LENGTH = 500;
/** Tries to write one result (0.1 s, then 0.3 s, 0.9 s… apart) before leaving it to the lease. */
const RESULT_WRITES = 4;

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Sends webhook deliveries: claims due ones from the queue, POSTs each signed, and writes the
 * result (delivered, retry later with backoff, or given up). Written against `fetch`, Web
 * Crypto and timers only, so it runs in a Web Worker on any runtime. Several dispatchers share
 * one queue; the queue's leases keep them from sending the same attempt twice, and its order
 * (one unsettled delivery per webhook and subject) keeps each conversation's events in order.
 */
export class WebhookDispatcher {
  private readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;
  private readonly log: Logger = logger('webhooks');

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly options: DispatcherOptions,
  ) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? errorReporter('webhooks', 'a webhook delivery step failed');
  }

  /** One `debug` line per attempt: ids, outcome and time, never the body nor the target's answer. */
  private logAttempt(
    d: ClaimedDelivery,
    result: AttemptResult | 'abandoned',
    started: number,
  ): void {
    this.log.debug(
      {
        deliveryId: d.id,
        webhookId: d.webhookId,
        eventId: d.eventId,
        eventType: d.eventType,
        organizationId: d.organizationId,
        requestId: d.requestId,
        attempt: d.attempt,
        outcome: result === 'abandoned' ? 'abandoned' : result.ok ? 'delivered' : 'failed',
        statusCode: result === 'abandoned' ? null : result.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      },
      'webhook attempt',
    );
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? this.options.timeoutMs + 5_000;
  }

  /** Runs until `stop` aborts, then waits for the attempts in flight. */
  async run(signals: DispatchSignals): Promise<void> {
    const { stop } = signals;
    const abandon = signals.abandon ?? new AbortController().signal;
    const inFlight = new Set<Promise<void>>();
    let failures = 0;
    while (!stop.aborted) {
      const free = this.options.concurrency - inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await this.queue.claim(free, this.leaseMs);
          failures = 0;
        } catch (error) {
          // The database away: back off (full jitter, up to 10 s) rather than hammer it.
          this.onError(error);
          failures += 1;
          const ceiling = Math.min(10_000, this.options.pollMs * 2 ** failures);
          await pause((this.options.random ?? Math.random)() * ceiling, stop);
          continue;
        }
        if (stop.aborted) {
          await this.handBack(claimed);
          break;
        }
        for (const delivery of claimed) {
          const attempt: Promise<void> = this.deliver(delivery, abandon).finally(() =>
            inFlight.delete(attempt),
          );
          inFlight.add(attempt);
        }
      }
      // A full claim means more may be due at once; otherwise wait for a free slot or a tick.
      if (free > 0 && claimed.length === free) continue;
      await this.idle(stop, inFlight);
    }
    await Promise.all(inFlight);
  }

  /** Waits for a tick, an attempt to finish, or the stop; leaves no timer behind. */
  private async idle(stop: AbortSignal, inFlight: Set<Promise<void>>): Promise<void> {
    const woken = new AbortController();
    const wake = () => woken.abort();
    stop.addEventListener('abort', wake, { once: true });
    try {
      await Promise.race([pause(this.options.pollMs, woken.signal), ...inFlight]);
    } finally {
      stop.removeEventListener('abort', wake);
      woken.abort();
    }
  }

  /** One attempt and its result; never rejects (a result it cannot write waits for the lease). */
  async deliver(delivery: ClaimedDelivery, abandon: AbortSignal): Promise<void> {
    try {
      const started = performance.now();
      const result = await this.attempt(delivery, abandon);
      if (this.log.isLevelEnabled('debug')) this.logAttempt(delivery, result, started);
      if (result === 'abandoned') {
        await this.handBack([delivery]);
        return;
      }
      if (result.ok) {
        await this.settle(() => this.queue.delivered(delivery, result.statusCode));
        this.options.onOutcome?.({ type: 'delivered', delivery, statusCode: result.statusCode });
        return;
      }
      const retryInMs = retryDelay(
        this.options.retrySchedule,
        delivery.attempt,
        this.options.random,
      );
      const { disabled } = await this.settle(() =>
        this.queue.failed(delivery, result, retryInMs, this.options.disableAfter),
      );
      this.options.onOutcome?.(
        retryInMs === null
          ? { type: 'failed', delivery, error: result.error, disabled }
          : { type: 'retrying', delivery, error: result.error, retryInMs },
      );
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * Writes a result, again after a moment if the database failed it: a result not written
   * holds its conversation's next events until the lease runs out. Results are written under
   * the lease they were claimed with, so writing one twice changes nothing.
   */
  private async settle<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= RESULT_WRITES) throw error;
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 100 * 3 ** (attempt - 1)));
      }
    }
  }

  private async handBack(deliveries: ClaimedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    try {
      await this.settle(() => this.queue.handBack(deliveries));
      for (const delivery of deliveries)
        this.options.onOutcome?.({ type: 'handed-back', delivery });
    } catch (error) {
      // Not handed back: the leases run out and another dispatcher takes them then.
      this.onError(error);
    }
  }

  /** POSTs the signed body; any 2xx is a success, anything else (redirects too) a failure. */
  private async attempt(
    d: ClaimedDelivery,
    abandon: AbortSignal,
  ): Promise<AttemptResult | 'abandoned'> {
    let refused: string | null = null;
    try {
      refused = (await this.options.checkTarget?.(new URL(d.url))) ?? null;
    } catch (error) {
      refused = describe(error);
    }
    if (refused) return { ok: false, statusCode: null, error: refused };
    // A child of the append's span when the delivery carries one (one trace per message); its
    // context goes out as `traceparent`, so the receiver can join the trace too.
    const span = startSpan('webhook attempt', {
      parent: d.traceparent,
      kind: 'client',
      attributes: {
        'flc.delivery_id': d.id,
        'flc.webhook_id': d.webhookId,
        'flc.event_type': d.eventType,
        'flc.attempt': d.attempt,
      },
    });
    try {
      const result = await this.post(d, abandon, span?.traceparent);
      if (span && result !== 'abandoned') {
        span.setAttributes({ 'http.response.status_code': result.statusCode ?? undefined });
        if (!result.ok) span.fail(new Error(result.error));
      }
      return result;
    } finally {
      span?.end();
    }
  }

  private async post(
    d: ClaimedDelivery,
    abandon: AbortSignal,
    traceparent: string | undefined,
  ): Promise<AttemptResult | 'abandoned'> {
    const body = webhookBody(d, this.options.prepareData?.(d.data) ?? d.data);
    const timestamp = Math.floor(this.now() / 1000);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await this.fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'FastLightChat-Webhooks/1',
          [webhookHeaders.eventId]: d.eventId,
          [webhookHeaders.eventType]: d.eventType,
          [webhookHeaders.timestamp]: String(timestamp),
          [webhookHeaders.signature]: await signWebhook(d.signingSecret, timestamp, body),
          ...(d.requestId && { [webhookHeaders.requestId]: d.requestId }),
          ...(traceparent && { traceparent }),
        },
        body,
        // A redirect could lead anywhere, private networks included: it counts as a failure.
        redirect: 'manual',
        signal: AbortSignal.any([timeout, abandon]),
      });
      // Only the status matters; the body is dropped unread so the connection is freed.
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, statusCode: response.status };
      }
      const error =
        response.status >= 300 && response.status < 400
          ? `HTTP ${response.status} (redirects are not followed)`
          : `HTTP ${response.status}`;
      return { ok: false, statusCode: response.status, error };
    } catch (error) {
      if (abandon.aborted) return 'abandoned';
      if (timeout.aborted) {
        return {
          ok: false,
          statusCode: null,
          error: `No answer within ${this.options.timeoutMs} ms`,
        };
      }
      return { ok: false, statusCode: null, error: describe(error) };
    }
  }
}
