import type { Config } from '@flc/config';
import type { Bus, MessageServiceOptions } from '@flc/core';
import { createMemoryBus, createRedisBus, createRedisUnpersisted } from '@flc/storage/bus';
import {
  type Database,
  PostgresMessageRecorder,
  type PostgresMessageStore,
  pendingDeliveries,
} from '@flc/storage/postgres';
import { openRedis, redisSettingsOf } from '@flc/storage/redis';
import {
  renderWebhookMetrics,
  startWebhookDispatchers,
  startWorkerSet,
  webhookWorkerConfig,
} from '@flc/workers';

/** How messages travel through the standalone process, and the Web Workers behind them. */
export interface MessagePath {
  bus: Bus;
  /** How the API and the gateway append: written through, or deferred to the persisters. */
  persistence: MessageServiceOptions;
  /** The workers' part of `/metrics`. */
  metrics(): Promise<string>;
  /** Stops the workers (each finishes its work in flight), then the bus. */
  close(): Promise<void>;
}

/**
 * Without `REDIS_URL`: the in-memory bus, every message written through with its webhook event
 * in one transaction, and one webhook dispatcher Web Worker. With it: the scaled profile's
 * message path in one process: the Redis bus, appends deferred (acked once Redis has them), and
 * the workers process's worker set as Web Workers here: the persisters (`persister` consumer
 * group) and the webhook dispatchers with their `webhooks` group fan-out. The workers reach the
 * database through the same socket as everything else (PGlite's, when embedded).
 */
export function openMessagePath(
  config: Config,
  db: Database,
  messages: PostgresMessageStore,
): MessagePath {
  // The database is embedded (and served on a socket) exactly when DATABASE_URL is unset.
  const database = db.socketPath
    ? { socketPath: db.socketPath }
    : { databaseUrl: config.databaseUrl ?? '' };
  const initialSeq = (id: string) => messages.headSeq(id);
  const settings = redisSettingsOf(config);
  if (settings) {
    const redis = openRedis(settings, `standalone-${process.pid}`);
    const bus = createRedisBus(redis, { initialSeq });
    // History reads take what the persisters have not stored yet from the streams.
    const unpersisted = createRedisUnpersisted(redis);
    const workers = startWorkerSet(config, {
      database,
      // Standalone keeps its messages in PostgreSQL (PGlite), where its history reads look.
      mongodbUrl: undefined,
      name: `standalone-${process.pid}`,
    });
    return {
      bus,
      persistence: { persistence: 'deferred', unpersisted },
      metrics: () => workers.metrics(db.sql),
      async close() {
        await workers.stop();
        await bus.close();
        await redis.close();
      },
    };
  }
  // One process, so the in-memory bus; after a restart it numbers on from the stored history
  // and still knows the cids of each conversation's recent messages.
  const bus = createMemoryBus({
    initialSeq,
    recentMessages: (organizationId, conversationId) =>
      messages.range(organizationId, conversationId, {
        beforeSeq: 2 ** 31 - 1, // seq is a PostgreSQL integer
        limit: 1_000,
      }),
  });
  const webhooks = startWebhookDispatchers({
    count: 1,
    config: () => webhookWorkerConfig(config, { ...database, owner: `standalone-${process.pid}` }),
  });
  return {
    bus,
    persistence: {
      persistence: 'write-through',
      recorder: new PostgresMessageRecorder(db.sql, messages),
    },
    async metrics() {
      const pending = await pendingDeliveries(db.sql).catch((error: unknown) => {
        console.error('[webhooks]', error);
        return null;
      });
      return renderWebhookMetrics(webhooks.counters(), { pending, fanOutLag: null });
    },
    async close() {
      await webhooks.stop();
      await bus.close();
    },
  };
}
