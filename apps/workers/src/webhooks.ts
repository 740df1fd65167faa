import { type Config, resolveJwtSecret } from '@flc/config';
import { logger } from '@flc/log';
import { Registry } from '@flc/metrics';
import { Supervisor } from './supervisor.ts';
import {
  noWebhookStats,
  type WebhookWorkerConfig,
  type WebhookWorkerStats,
} from './webhooks-protocol.ts';

export interface WebhookDispatchers {
  /** Resolves once every dispatcher worker has been ready at least once. */
  ready(): Promise<void>;
  /** Stops them gracefully: attempts in flight finish or are handed back. */
  stop(): Promise<void>;
  /** The counts of every worker since the start. */
  counters(): WebhookCounters;
}

export interface WebhookCounters extends WebhookWorkerStats {
  restarts: number;
  running: number;
}

/** The counts of dispatchers not started (no webhook yet): nothing done, nothing running. */
export const idleDispatchers = (): WebhookCounters => ({
  ...noWebhookStats(),
  restarts: 0,
  running: 0,
});

export interface WebhookDispatchersOptions {
  count: number;
  /** The configuration of worker `index` (its `owner` must be unique). */
  config: (index: number) => WebhookWorkerConfig;
  backoff?: { baseMs: number; capMs: number };
}

/** Everything a dispatcher worker takes from the platform's configuration. */
export function webhookWorkerConfig(
  config: Config,
  where: Pick<WebhookWorkerConfig, 'databaseUrl' | 'socketPath' | 'owner' | 'fanOut'>,
): WebhookWorkerConfig {
  return {
    ...where,
    concurrency: config.webhookConcurrency,
    timeoutMs: config.webhookTimeout,
    retrySchedule: config.webhookRetrySchedule,
    disableAfter: config.webhookDisableAfter,
    pollMs: config.webhookPoll,
    allowPrivate: config.webhookAllowPrivate,
    stopGraceMs: Math.min(config.webhookTimeout, 5_000),
    attachmentLinks: {
      secret: resolveJwtSecret(config),
      ttlSeconds: config.attachmentLinkTtl,
      baseUrl: config.publicUrl,
    },
    log: { level: config.logLevel, format: config.logFormat },
  };
}

/**
 * `count` webhook dispatcher Web Workers under a supervisor, which replaces one that crashes
 * (its leases run out, or its successor frees them at start: nothing it held is lost).
 */
export function startWebhookDispatchers(options: WebhookDispatchersOptions): WebhookDispatchers {
  const totals = noWebhookStats();
  const supervisor = new Supervisor<WebhookWorkerConfig, WebhookWorkerStats>({
    count: options.count,
    create: () => new Worker(new URL('./webhooks.worker.ts', import.meta.url)),
    config: options.config,
    onStats: (_index, stats) => {
      for (const key of Object.keys(totals) as (keyof WebhookWorkerStats)[]) {
        totals[key] += stats[key];
      }
    },
    onRestart: (index, reason, delayMs) => {
      logger('webhooks').warn(
        { worker: 'dispatcher', index, reason, delayMs },
        'worker restarting',
      );
    },
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  supervisor.start();
  return {
    ready: () => supervisor.ready(),
    stop: () => supervisor.stop(),
    counters: () => ({ ...totals, restarts: supervisor.restarts, running: supervisor.running }),
  };
}

/** The dispatchers' part of `/metrics` (a gauge whose value could not be read is left out). */
export function renderWebhookMetrics(
  counters: WebhookCounters,
  backlog: { pending: number | null; fanOutLag: number | null },
): string {
  const r = new Registry();
  const { pending, fanOutLag } = backlog;
  if (pending !== null) {
    r.gauge(
      'flc_webhook_deliveries_pending',
      'Webhook deliveries not yet delivered or given up.',
      () => pending,
    );
  }
  if (fanOutLag !== null) {
    r.gauge(
      'flc_webhook_fanout_lag',
      'Conversation stream entries the webhooks consumer group has not read yet.',
      () => fanOutLag,
    );
  }
  const counts: [keyof WebhookWorkerStats, string][] = [
    ['delivered', 'Webhook deliveries answered with a 2xx.'],
    ['retried', 'Failed webhook attempts scheduled again.'],
    ['failed', 'Webhook deliveries given up after every attempt failed.'],
    ['disabled', 'Webhooks disabled after too many events given up in a row.'],
    ['handedBack', 'Webhook deliveries handed back by a stopping dispatcher.'],
    ['messages', 'Messages read by the webhooks consumer group.'],
  ];
  for (const [key, help] of counts) {
    const name = `flc_webhook_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_total`;
    r.collectedCounter(name, help, () => counters[key]);
  }
  r.collectedCounter(
    'flc_webhook_dispatcher_restarts_total',
    'Webhook dispatcher workers replaced after a crash.',
    () => counters.restarts,
  );
  r.gauge(
    'flc_webhook_dispatchers_running',
    'Webhook dispatcher workers running (the standalone process starts its one with the first webhook).',
    () => counters.running,
  );
  return r.render();
}
