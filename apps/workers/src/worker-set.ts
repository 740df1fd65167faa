import type { Config } from '@flc/config';
import { errorReporter, logger } from '@flc/log';
import { createGroupMonitor, type GroupStatus } from '@flc/storage/bus';
import { replyMailDelaySeconds } from '@flc/storage/platform';
import { pendingDeliveries, type Sql } from '@flc/storage/postgres';
import { openRedis, type RedisSettings, redisSettingsOf } from '@flc/storage/redis';
import { renderMetrics, type WorkerCounters } from './metrics.ts';
import type { PersisterConfig, PersisterStats } from './persister-protocol.ts';
import { Supervisor } from './supervisor.ts';
import {
  renderWebhookMetrics,
  startWebhookDispatchers,
  type WebhookCounters,
  webhookWorkerConfig,
} from './webhooks.ts';
import { webhooksGroup } from './webhooks-protocol.ts';

export interface WorkersTuning {
  /** How long an idle read waits (and so the longest a stop waits for it). Default 1 s. */
  blockMs?: number;
  /**
   * Reads of new stream entries at most this often (ms) unless one came back full, so a steady
   * stream makes fewer, bigger batches: the persisters' and the webhook fan-out's, both 50 by
   * default (the inbox hears of a message that much later at most). Not longer: Redis runs one
   * command at a time, and a group read of a second's worth of entries (every read adds each entry
   * to the group's pending list) holds up every node's appends for milliseconds; at 5,000 msg/s a
   * 200 ms linger measured 4–8 ms per fan-out read, 50 ms under 2 ms for the same Redis time.
   */
  lingerMs?: { persister?: number; fanOut?: number };
  /** Partitions; the install's (`FLC_REDIS_PARTITIONS`) unless a test narrows it. */
  partitions?: number;
  /** Supervisor backoff between restarts of a crashed worker. */
  backoff?: { baseMs: number; capMs: number };
}

/**
 * Where the workers reach PostgreSQL: a server, or the Unix socket the standalone process serves
 * its embedded PGlite on (the workers are Web Workers of that process).
 */
export type WorkerDatabase =
  | { databaseUrl: string; socketPath?: undefined }
  | { socketPath: string; databaseUrl?: undefined };

export interface WorkerSetOptions extends WorkersTuning {
  database: WorkerDatabase;
  /** MongoDB for the persisters' message store; unset: the PostgreSQL `messages` table. */
  mongodbUrl: string | undefined;
  /**
   * Names this process's consumers in both groups and its dispatchers' leases (`name-index`,
   * `name-webhooks-index`): unique per process, the same for a worker replaced after a crash.
   */
  name: string;
}

/** The persisters and webhook dispatchers of one process, without an HTTP server of their own. */
export interface WorkerSet {
  /** The persisters' counters. */
  counters(): WorkerCounters;
  /** The persister group's lag and pending entries (one round trip to Redis). */
  group(): Promise<GroupStatus>;
  /** The webhook dispatchers' counts. */
  webhooks(): WebhookCounters;
  /** Persister workers running and ready now. */
  running(): number;
  /** Resolves once every worker has been ready at least once. */
  ready(): Promise<void>;
  /**
   * Their part of `/metrics` (Prometheus text, no process metrics): the groups' lag read from
   * Redis, the deliveries backlog read through `sql`. A dependency that does not answer leaves
   * its gauges out rather than failing the page.
   */
  metrics(sql: Sql): Promise<string>;
  /** Stops every worker gracefully: each finishes its batch, or its attempts in flight. */
  stop(): Promise<void>;
}

/** Consumers idle this long with nothing pending are names of workers that are gone. */
const PRUNE_IDLE_MS = 60 * 60 * 1000;

/**
 * The worker set of the scaled profile: `FLC_PERSISTER_WORKERS` persister Web Workers (the
 * `persister` consumer group over the conversation partition streams, into the message store)
 * and `FLC_WEBHOOK_WORKERS` webhook dispatchers that also read the streams with the `webhooks`
 * group to record `message.created`, each under a supervisor. Each group's members (in this
 * process and any other) split the partitions between them. The workers process hosts it
 * behind its own `/health` and `/metrics`; the standalone process hosts it when Redis is set.
 * The database must be migrated already. Needs REDIS_URL or REDIS_CLUSTER_NODES.
 */
export function startWorkerSet(config: Config, options: WorkerSetOptions): WorkerSet {
  const settings = redisSettingsOf(config);
  if (!settings) {
    throw new Error('The persister and webhook workers need REDIS_URL or REDIS_CLUSTER_NODES');
  }
  const { database, name, backoff } = options;
  const redis: RedisSettings = {
    ...settings,
    ...(options.partitions ? { partitions: options.partitions } : {}),
  };
  const blockMs = options.blockMs ?? 1_000;
  const lingerMs = { persister: 50, fanOut: 50, ...options.lingerMs };
  const counters: WorkerCounters = {
    stored: 0,
    batches: 0,
    failed: 0,
    dropped: 0,
    restarts: 0,
    running: 0,
  };
  const supervisor = new Supervisor<PersisterConfig, PersisterStats>({
    count: config.persisterWorkers,
    create: () => new Worker(new URL('./persister.worker.ts', import.meta.url)),
    config: (index) => ({
      ...database,
      mongodbUrl: options.mongodbUrl,
      redis,
      // The same name when a crashed worker is replaced here: its pending entries are its own.
      consumer: `${name}-${index}`,
      batch: config.persisterBatch,
      claimIdleMs: config.persisterClaimIdle,
      leaseMs: config.partitionLease,
      blockMs,
      lingerMs: lingerMs.persister,
      // PGlite runs one statement at a time whatever the number of connections.
      connections: database.socketPath ? 1 : 4,
      replyMailDelaySeconds: replyMailDelaySeconds(config),
      log: { level: config.logLevel, format: config.logFormat },
    }),
    onStats: (_index, stats) => {
      counters.batches += 1;
      counters.stored += stats.stored;
      counters.failed += stats.failed;
      counters.dropped += stats.dropped;
    },
    onRestart: (index, reason, delayMs) => {
      // Above debug: a worker that crashed is news at any level.
      logger('workers').warn({ worker: 'persister', index, reason, delayMs }, 'worker restarting');
    },
    ...(backoff ? { backoff } : {}),
  });
  // The groups seen from outside, for /metrics and upkeep.
  const groups = openRedis(redis, `${name}-groups`);
  const monitor = createGroupMonitor(groups);
  const webhooks = startWebhookDispatchers({
    count: config.webhookWorkers,
    config: (index) =>
      webhookWorkerConfig(config, {
        ...database,
        owner: `${name}-webhooks-${index}`,
        fanOut: {
          redis,
          batch: config.persisterBatch,
          claimIdleMs: config.persisterClaimIdle,
          leaseMs: config.partitionLease,
          blockMs,
          lingerMs: lingerMs.fanOut,
        },
      }),
    ...(backoff ? { backoff } : {}),
  });
  const webhookGroup = createGroupMonitor(groups, webhooksGroup);
  const snapshot = (): WorkerCounters => ({
    ...counters,
    restarts: supervisor.restarts,
    running: supervisor.running,
  });
  const pruning = setInterval(() => {
    for (const group of [monitor, webhookGroup]) {
      group.prune(PRUNE_IDLE_MS).catch(errorReporter('workers', 'pruning a consumer group failed'));
    }
  }, 60_000);
  supervisor.start();

  const report = (error: unknown) => {
    logger('workers').error({ err: error }, 'reading the groups failed');
    return null;
  };
  return {
    counters: snapshot,
    group: () => monitor.status(),
    webhooks: () => webhooks.counters(),
    running: () => supervisor.running,
    ready: async () => {
      await Promise.all([supervisor.ready(), webhooks.ready()]);
    },
    async metrics(sql) {
      const [group, fanOut, pending] = await Promise.all([
        monitor.status().catch(report),
        webhookGroup.status().catch(report),
        pendingDeliveries(sql).catch(report),
      ]);
      return (
        renderMetrics(snapshot(), group) +
        renderWebhookMetrics(webhooks.counters(), { pending, fanOutLag: fanOut?.lag ?? null })
      );
    },
    async stop() {
      clearInterval(pruning);
      await Promise.all([supervisor.stop(), webhooks.stop()]);
      await groups.close();
    },
  };
}
