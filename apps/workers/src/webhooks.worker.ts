/**
 * The webhook dispatcher as a Web Worker: `self.onmessage` and `postMessage` only, so the same
 * file runs under the workers process and under the standalone process. Its first message is
 * `{type:'start', config}`; it then leases due deliveries and sends them until `{type:'stop'}`,
 * after which it claims nothing more, lets the attempts in flight finish (handing back those
 * still running after `stopGraceMs`), closes its connections and answers `stopped`. In the
 * scaled profile it also records `message.created` from the bus's streams (a consumer group of
 * its own), acknowledging each batch once its events are in the outbox.
 */
import {
  AttachmentLinks,
  type DispatchOutcome,
  fanOutMessages,
  WebhookDispatcher,
  withFreshAttachmentLinks,
} from '@flc/core';
import { configureLogs, errorReporter } from '@flc/log';
import { createRedisConsumer } from '@flc/storage/bus';
import {
  openDatabase,
  PostgresDeliveryQueue,
  PostgresMessageSubscribers,
  PostgresWebhookOutbox,
} from '@flc/storage/postgres';
import { startTracing, stopTracing } from '@flc/telemetry';
import type { WorkerCommand, WorkerEvent } from './supervisor.ts';
import {
  noWebhookStats,
  type WebhookWorkerConfig,
  type WebhookWorkerStats,
  webhooksGroup,
} from './webhooks-protocol.ts';
import { publicTarget } from './webhooks-target.ts';

declare const self: {
  onmessage: ((event: MessageEvent<WorkerCommand<WebhookWorkerConfig>>) => void) | null;
};

const post = (event: WorkerEvent<WebhookWorkerStats>) => postMessage(event);
const stopping = new AbortController();
const abandoning = new AbortController();
let running: Promise<void> | undefined;
let graceMs = 0;

self.onmessage = (event) => {
  const command = event.data;
  if (command.type === 'start') {
    graceMs = command.config.stopGraceMs;
    running ??= run(command.config);
    return;
  }
  stopping.abort();
  const abandon = setTimeout(() => abandoning.abort(), graceMs);
  void (running ?? Promise.resolve()).then(() => {
    clearTimeout(abandon);
    post({ type: 'stopped' });
  });
};

const report = errorReporter('webhooks', 'the webhook dispatcher failed');

function stats(outcome: DispatchOutcome): WebhookWorkerStats {
  const counts = noWebhookStats();
  if (outcome.type === 'delivered') counts.delivered = 1;
  else if (outcome.type === 'retrying') counts.retried = 1;
  else if (outcome.type === 'handed-back') counts.handedBack = 1;
  else {
    counts.failed = 1;
    if (outcome.disabled) counts.disabled = 1;
  }
  return counts;
}

async function run(config: WebhookWorkerConfig): Promise<void> {
  configureLogs({ role: 'webhooks', ...config.log });
  // A Web Worker has its own module instances: it sets tracing up (and flushes it) itself.
  await startTracing('webhooks').catch(report);
  const closers: (() => Promise<void>)[] = [];
  try {
    const db = await openDatabase(
      config.socketPath
        ? { socketPath: config.socketPath, max: 1 }
        : { databaseUrl: config.databaseUrl, max: 4 },
    );
    closers.push(() => db.close());
    const queue = new PostgresDeliveryQueue(db.sql, config.owner);
    // A worker replaced after a crash has its predecessor's name: what it held is free at once.
    await queue.recover();
    const { secret, ttlSeconds, baseUrl } = config.attachmentLinks;
    const links = new AttachmentLinks(secret, ttlSeconds);
    const dispatcher = new WebhookDispatcher(queue, {
      prepareData: (data) => withFreshAttachmentLinks(data, links, baseUrl),
      concurrency: config.concurrency,
      timeoutMs: config.timeoutMs,
      retrySchedule: config.retrySchedule,
      disableAfter: config.disableAfter,
      pollMs: config.pollMs,
      leaseMs: config.leaseMs,
      checkTarget: config.allowPrivate ? undefined : publicTarget,
      onOutcome: (outcome) => post({ type: 'stats', stats: stats(outcome) }),
      onError: report,
    });
    const loops = [dispatcher.run({ stop: stopping.signal, abandon: abandoning.signal })];
    if (config.fanOut) {
      // The Redis client is loaded only here: an embedded dispatcher (no Redis) does without it.
      const { openRedis } = await import('@flc/storage/redis');
      const redis = openRedis(config.fanOut.redis, config.owner);
      closers.push(() => redis.close());
      const consumer = createRedisConsumer(redis, {
        group: webhooksGroup,
        consumer: config.owner,
        count: config.fanOut.batch,
        blockMs: config.fanOut.blockMs,
        lingerMs: config.fanOut.lingerMs,
        claimIdleMs: config.fanOut.claimIdleMs,
        leaseMs: config.fanOut.leaseMs,
        onError: report,
      });
      closers.push(() => consumer.close());
      await consumer.ensureGroups();
      loops.push(
        fanOutMessages(consumer, new PostgresWebhookOutbox(db.sql), {
          signal: stopping.signal,
          // Organizations without a message.created webhook cost no query, nor a frame parse.
          subscribers: new PostgresMessageSubscribers(db.sql),
          onError: report,
          onBatch: ({ messages, queued }) =>
            post({ type: 'stats', stats: { ...noWebhookStats(), messages, queued } }),
        }),
      );
    }
    post({ type: 'ready' });
    await Promise.all(loops);
  } catch (error) {
    // Setting up failed (a database or Redis that is not there): the supervisor starts another.
    if (!stopping.signal.aborted) post({ type: 'fatal', error: String(error) });
  } finally {
    for (const close of closers.reverse()) await close().catch(report);
    await stopTracing().catch(report);
  }
}
