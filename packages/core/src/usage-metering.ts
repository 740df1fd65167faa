import { errorReporter } from '@flc/log';
import { startRounds } from './rounds.ts';
import { webhookHeaders } from './webhooks/envelope.ts';
import { signWebhook } from './webhooks/signing.ts';

/** A closed tenant-day's `usage.daily` report, leased for one attempt. */
export interface ClaimedUsageReport {
  organizationId: string;
  day: string;
  eventId: string;
  /** The JSON body, the same on every attempt. */
  body: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** The outbox of `usage.daily` reports (PostgreSQL's `usage_reports`). */
export interface UsageReportQueue {
  claim(limit: number, leaseMs: number): Promise<ClaimedUsageReport[]>;
  delivered(report: ClaimedUsageReport, statusCode: number): Promise<void>;
  failed(
    report: ClaimedUsageReport,
    statusCode: number | null,
    error: string,
    retryInMs: number,
  ): Promise<void>;
}

export interface UsageMeteringOptions {
  /** Recomputes today and the open days, closing those over by the grace period. */
  rollup: { round(now?: Date): Promise<unknown> };
  everyMs: number;
  /** The billing system's endpoint (FLC_USAGE_WEBHOOK_URL) and its signing secret. */
  webhook?: { url: string; secret: string; queue: UsageReportQueue } | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

export interface UsageMetering {
  /** One round now (tests; the timer runs them every `everyMs`). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** 10 s, doubling per failed attempt, at most an hour: a billing system's outage loses nothing. */
export const usageRetryMs = (attempts: number) =>
  Math.min(3_600_000, 10_000 * 2 ** Math.min(attempts - 1, 20));

/**
 * Usage metering in the background of a workers process or the standalone: every round runs
 * the rollup, then sends due `usage.daily` reports, signed as tenant webhooks are. Any number of
 * processes may run it against the same database (the rollup is idempotent, reports are leased).
 */
export function startUsageMetering(options: UsageMeteringOptions): UsageMetering {
  const onError = options.onError ?? errorReporter('metering', 'usage metering failed');
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  async function deliver(report: ClaimedUsageReport) {
    const webhook = options.webhook;
    if (!webhook) return;
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await send(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'FastLightChat-Webhooks/1',
          [webhookHeaders.eventId]: report.eventId,
          [webhookHeaders.eventType]: 'usage.daily',
          [webhookHeaders.timestamp]: String(timestamp),
          [webhookHeaders.signature]: await signWebhook(webhook.secret, timestamp, report.body),
        },
        body: report.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) {
        await webhook.queue.delivered(report, response.status);
      } else {
        const error = `HTTP ${response.status}`;
        await webhook.queue.failed(report, response.status, error, usageRetryMs(report.attempts));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await webhook.queue.failed(report, null, message, usageRetryMs(report.attempts));
    }
  }
  async function round(): Promise<void> {
    await options.rollup.round();
    const webhook = options.webhook;
    if (!webhook) return;
    for (;;) {
      const due = await webhook.queue.claim(20, timeoutMs * 3);
      await Promise.all(due.map(deliver));
      if (due.length < 20) return;
    }
  }
  return startRounds(round, undefined, options.everyMs, onError);
}
