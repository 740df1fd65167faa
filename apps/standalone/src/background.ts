import type { Config } from '@flc/config';
import { logger } from '@flc/log';
import type { Platform } from '@flc/storage/platform';
import { pendingDeliveries } from '@flc/storage/postgres';
import {
  idleDispatchers,
  renderWebhookMetrics,
  startWebhookDispatchers,
  webhookWorkerConfig,
} from '@flc/workers/webhooks';

/** Whether the install has any webhook (enabled or not: enabling one needs no new start). */
async function anyWebhook(sql: Platform['db']['sql']): Promise<boolean> {
  const [row] = await sql<{ any: boolean }[]>`select exists (select 1 from webhooks) as any`;
  return row?.any === true;
}

/** The Web Workers of the standalone process, behind its message path. */
export interface Background {
  /** The workers' part of `/metrics`. */
  metrics(): Promise<string>;
  /** Stops the workers; each finishes its work in flight. */
  stop(): Promise<void>;
  /** A webhook was created: the dispatcher starts if it was not running. */
  webhookCreated(): void;
}

/**
 * Written through (no Redis): one webhook dispatcher Web Worker. With Redis, the scaled
 * profile's message path in one process: the workers process's worker set as Web Workers here,
 * the persisters (`persister` consumer group) and the webhook dispatchers with their `webhooks`
 * group fan-out. The workers reach the database through the same socket as everything else
 * (PGlite's, when embedded).
 */
export async function startBackground(config: Config, platform: Platform): Promise<Background> {
  const { db } = platform;
  // The database is embedded (and served on a socket) exactly when DATABASE_URL is unset.
  const database = db.socketPath
    ? { socketPath: db.socketPath }
    : { databaseUrl: config.databaseUrl ?? '' };
  if (platform.redis) {
    // The worker set (and its Redis client) is loaded only with Redis.
    const { startWorkerSet } = await import('@flc/workers');
    const workers = startWorkerSet(config, {
      database,
      // Standalone keeps its messages in PostgreSQL (PGlite), where its history reads look.
      mongodbUrl: undefined,
      name: `standalone-${process.pid}`,
    });
    return {
      metrics: () => workers.metrics(db.sql),
      stop: () => workers.stop(),
      webhookCreated: () => {},
    };
  }
  // The dispatcher's Web Worker (a JS context of its own, ~10 MB) starts once the install has a
  // webhook: at start-up if one exists, else when the first is created.
  let webhooks: ReturnType<typeof startWebhookDispatchers> | undefined;
  const startDispatcher = () => {
    webhooks ??= startWebhookDispatchers({
      count: 1,
      config: () =>
        webhookWorkerConfig(config, { ...database, owner: `standalone-${process.pid}` }),
    });
  };
  if (await anyWebhook(db.sql)) startDispatcher();
  return {
    async metrics() {
      const pending = await pendingDeliveries(db.sql).catch((error: unknown) => {
        logger('webhooks').error({ err: error }, 'counting pending deliveries failed');
        return null;
      });
      return renderWebhookMetrics(webhooks?.counters() ?? idleDispatchers(), {
        pending,
        fanOutLag: null,
      });
    },
    stop: async () => {
      await webhooks?.stop();
    },
    webhookCreated: startDispatcher,
  };
}
