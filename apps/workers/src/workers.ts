import { hostname } from 'node:os';
import type { Config } from '@flc/config';
import { Supervisor } from '@flc/core';
import { createGroupMonitor, type GroupStatus } from '@flc/storage/bus';
import { migrate, openDatabase, pendingDeliveries } from '@flc/storage/postgres';
import { renderMetrics, type WorkerCounters } from './metrics.ts';
import type { PersisterConfig, PersisterStats } from './persister-protocol.ts';
import {
  renderWebhookMetrics,
  startWebhookDispatchers,
  type WebhookCounters,
  webhookWorkerConfig,
} from './webhooks.ts';
import { webhooksGroup } from './webhooks-protocol.ts';

export interface WorkersTuning {
  /** How long one read blocks (and so the longest a stop waits for it). Default 1 s. */
  blockMs?: number;
  /** Conversation shard streams; the bus's default unless a test narrows it. */
  conversationShards?: number;
  /** Supervisor backoff between restarts of a crashed worker. */
  backoff?: { baseMs: number; capMs: number };
}

export interface Workers {
  port: number;
  /** The counters as `/metrics` reports them. */
  counters(): WorkerCounters;
  /** The persister group's lag and pending entries (one round trip to Redis). */
  group(): Promise<GroupStatus>;
  /** The webhook dispatchers' counts. */
  webhooks(): WebhookCounters;
  /** Resolves once every worker has been ready at least once. */
  ready(): Promise<void>;
  /** Stops the workers gracefully (each finishes its batch), then the server. */
  stop(): Promise<void>;
}

/** Consumers idle this long with nothing pending are names of workers that are gone. */
const PRUNE_IDLE_MS = 60 * 60 * 1000;

/**
 * The workers process of the scaled profile: `FLC_PERSISTER_WORKERS` persister Web Workers and
 * `FLC_WEBHOOK_WORKERS` webhook dispatchers under supervisors, and `/health` and `/metrics` on
 * `PORT`. Needs DATABASE_URL and REDIS_URL.
 */
export async function startWorkers(config: Config, tuning: WorkersTuning = {}): Promise<Workers> {
  const { databaseUrl, redisUrl } = config;
  if (!databaseUrl || !redisUrl) throw new Error('The workers need DATABASE_URL and REDIS_URL');
  // The tables must exist before the first batch; whoever starts first creates them.
  const db = await openDatabase({ databaseUrl, max: 1 });
  try {
    await migrate(db.sql);
  } finally {
    await db.close();
  }

  const counters: WorkerCounters = {
    stored: 0,
    batches: 0,
    failed: 0,
    dropped: 0,
    restarts: 0,
    running: 0,
  };
  const host = hostname();
  const supervisor = new Supervisor<PersisterConfig, PersisterStats>({
    count: config.persisterWorkers,
    create: () => new Worker(new URL('./persister.worker.ts', import.meta.url)),
    config: (index) => ({
      databaseUrl,
      mongodbUrl: config.mongodbUrl,
      redisUrl,
      prefix: config.redisPrefix,
      conversationShards: tuning.conversationShards,
      // The same name when a crashed worker is replaced here: its pending entries are its own.
      consumer: `${host}-${process.pid}-${index}`,
      batch: config.persisterBatch,
      claimIdleMs: config.persisterClaimIdle,
      blockMs: tuning.blockMs ?? 1_000,
      connections: 4,
    }),
    onStats: (_index, stats) => {
      counters.batches += 1;
      counters.stored += stats.stored;
      counters.failed += stats.failed;
      counters.dropped += stats.dropped;
    },
    onRestart: (index, reason, delayMs) => {
      console.error(`[workers] persister ${index} ${reason}; restarting in ${delayMs} ms`);
    },
    ...(tuning.backoff ? { backoff: tuning.backoff } : {}),
  });
  const monitor = createGroupMonitor({
    url: redisUrl,
    prefix: config.redisPrefix,
    conversationShards: tuning.conversationShards,
  });
  const webhooks = startWebhookDispatchers({
    count: config.webhookWorkers,
    config: (index) =>
      webhookWorkerConfig(config, {
        databaseUrl,
        owner: `${host}-${process.pid}-webhooks-${index}`,
        fanOut: {
          redisUrl,
          prefix: config.redisPrefix,
          conversationShards: tuning.conversationShards,
          batch: config.persisterBatch,
          claimIdleMs: config.persisterClaimIdle,
          blockMs: tuning.blockMs ?? 1_000,
        },
      }),
    ...(tuning.backoff ? { backoff: tuning.backoff } : {}),
  });
  const webhookGroup = createGroupMonitor({
    url: redisUrl,
    prefix: config.redisPrefix,
    conversationShards: tuning.conversationShards,
    group: webhooksGroup,
  });
  // For the deliveries backlog in /metrics.
  const metricsDb = await openDatabase({ databaseUrl, max: 1 });
  const snapshot = (): WorkerCounters => ({
    ...counters,
    restarts: supervisor.restarts,
    running: supervisor.running,
  });
  const pruning = setInterval(() => {
    for (const group of [monitor, webhookGroup]) {
      group.prune(PRUNE_IDLE_MS).catch((error) => console.error('[workers]', error));
    }
  }, 60_000);

  const server = Bun.serve({
    port: config.port,
    hostname: config.host,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/health') {
        const running = supervisor.running;
        const body = { status: running > 0 ? 'ok' : 'starting', workers: running };
        return Response.json(body, { status: running > 0 ? 200 : 503 });
      }
      if (pathname === '/metrics') {
        const group = await monitor.status().catch((error: unknown) => {
          console.error('[workers]', error);
          return null;
        });
        const [pending, fanOut] = await Promise.all([
          pendingDeliveries(metricsDb.sql),
          webhookGroup.status().catch(() => null),
        ]).catch((error: unknown) => {
          console.error('[workers]', error);
          return [0, null] as const;
        });
        const text =
          renderMetrics(snapshot(), group) +
          renderWebhookMetrics(webhooks.counters(), { pending, fanOutLag: fanOut?.lag ?? null });
        return new Response(text, {
          headers: { 'content-type': 'text/plain; version=0.0.4' },
        });
      }
      return new Response('Not Found', { status: 404 });
    },
  });
  supervisor.start();

  return {
    port: server.port ?? config.port,
    counters: snapshot,
    group: () => monitor.status(),
    webhooks: () => webhooks.counters(),
    ready: async () => {
      await Promise.all([supervisor.ready(), webhooks.ready()]);
    },
    async stop() {
      clearInterval(pruning);
      await Promise.all([supervisor.stop(), webhooks.stop()]);
      await server.stop(true);
      await monitor.close();
      await webhookGroup.close();
      await metricsDb.close();
    },
  };
}
