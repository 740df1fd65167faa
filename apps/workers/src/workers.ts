import { hostname } from 'node:os';
import type { Config } from '@flc/config';
import { startAssignmentSweep, startSnoozeAlarm } from '@flc/core';
import { createMailer } from '@flc/mail';
import type { GroupStatus } from '@flc/storage/bus';
import {
  openPlatform,
  startPlatformReplyMailer,
  startPlatformReporter,
  startPlatformTranscriptMailer,
  startPlatformUsageMetering,
} from '@flc/storage/platform';
import { pendingDeliveries } from '@flc/storage/postgres';
import { redisSettingsOf } from '@flc/storage/redis';
import { renderProcessMetrics, type WorkerCounters } from './metrics.ts';
import type { WebhookCounters } from './webhooks.ts';
import { startWorkerSet, type WorkersTuning } from './worker-set.ts';

export type { WorkersTuning } from './worker-set.ts';

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

/**
 * The workers process of the scaled profile: the worker set (`FLC_PERSISTER_WORKERS` persister
 * Web Workers and `FLC_WEBHOOK_WORKERS` webhook dispatchers under supervisors), the snooze
 * waker, the reply mailer of email continuity, usage metering, and `/health` and `/metrics` on `PORT`. Needs DATABASE_URL, and REDIS_URL or
 * REDIS_CLUSTER_NODES.
 */
export async function startWorkers(config: Config, tuning: WorkersTuning = {}): Promise<Workers> {
  const { databaseUrl } = config;
  if (!databaseUrl || !redisSettingsOf(config)) {
    throw new Error('The workers need DATABASE_URL, and REDIS_URL or REDIS_CLUSTER_NODES');
  }
  // The tables must exist before the first batch: opening the platform migrates them. Its
  // database serves /metrics and the snooze waker, its bus tells the agents.
  const name = `${hostname()}-${process.pid}`;
  const platform = await openPlatform(config, { name, presence: 'read' });
  const set = startWorkerSet(config, {
    ...tuning,
    database: { databaseUrl },
    mongodbUrl: config.mongodbUrl,
    name,
  });
  // Snoozed conversations whose time has passed open again.
  const snooze = startSnoozeAlarm({ conversations: platform.conversationService });
  // Conversations waiting for a free agent of their team get one as soon as one has room.
  const sweep = startAssignmentSweep(platform.assignment);
  // Replies a visitor has not seen are mailed (email continuity, when it is on).
  const mailer = createMailer(config);
  const replyMailer = startPlatformReplyMailer(platform, mailer);
  // A closed conversation's transcript, with its rating links, on the same terms.
  const transcriptMailer = startPlatformTranscriptMailer(platform, mailer);
  // Each tenant's usage per day, from the stores, and its `usage.daily` reports.
  const metering = startPlatformUsageMetering(platform);

  const server = Bun.serve({
    port: config.port,
    hostname: config.host,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/health') {
        const running = set.running();
        const body = { status: running > 0 ? 'ok' : 'starting', workers: running };
        return Response.json(body, { status: running > 0 ? 200 : 503 });
      }
      if (pathname === '/metrics') {
        const text = (await set.metrics(platform.db.sql)) + renderProcessMetrics();
        return new Response(text, {
          headers: { 'content-type': 'text/plain; version=0.0.4' },
        });
      }
      return new Response('Not Found', { status: 404 });
    },
  });

  // The System page: this process, persister lag, webhook backlog, rates and last problems.
  const reporter = startPlatformReporter(platform, 'workers', async () => {
    const [group, backlog] = await Promise.all([
      set.group().catch(() => null),
      pendingDeliveries(platform.db.sql).catch(() => null),
    ]);
    const webhooks = set.webhooks();
    return {
      gauges: {
        workers: set.running(),
        ...(group ? { persisterLag: group.lag, persisterPending: group.pending } : {}),
        ...(backlog === null ? {} : { webhookBacklog: backlog }),
      },
      counters: {
        stored: set.counters().stored,
        delivered: webhooks.delivered,
        webhookFailures: webhooks.failed,
      },
    };
  });
  return {
    port: server.port ?? config.port,
    counters: set.counters,
    group: set.group,
    webhooks: set.webhooks,
    ready: set.ready,
    async stop() {
      await reporter.stop();
      await set.stop();
      await snooze.stop();
      await sweep.stop();
      await replyMailer?.stop();
      await transcriptMailer?.stop();
      await metering?.stop();
      mailer?.close();
      await server.stop(true);
      await platform.close();
    },
  };
}
