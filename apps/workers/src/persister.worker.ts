/**
 * The message persister as a Web Worker: `self.onmessage` and `postMessage` only, so the same
 * file runs as a worker of the workers process (Bun) or of the standalone process. Its first
 * message is `{type:'start', config}`; it then reads its share of the conversation partition
 * streams through the persister consumer group and writes each batch to the store until `{type:'stop'}`, after which
 * it finishes the batch in flight, closes its connections and answers `stopped`.
 */
import { AutoAssignment, consume, Persister } from '@flc/core';
import { configureLogs, errorReporter } from '@flc/log';
import { createRedisBus, createRedisConsumer } from '@flc/storage/bus';
import { openMessageStore } from '@flc/storage/message-store';
import {
  openDatabase,
  PostgresAssigner,
  PostgresConversationStore,
  PostgresMessageRecorder,
} from '@flc/storage/postgres';
import { createRedisPresence } from '@flc/storage/presence';
import { openRedis } from '@flc/storage/redis';
import { startTracing, stopTracing } from '@flc/telemetry';
import type { PersisterConfig, PersisterStats } from './persister-protocol.ts';
import type { WorkerCommand, WorkerEvent } from './supervisor.ts';

declare const self: {
  onmessage: ((event: MessageEvent<WorkerCommand<PersisterConfig>>) => void) | null;
};

const post = (event: WorkerEvent<PersisterStats>) => postMessage(event);
const stopping = new AbortController();
let running: Promise<void> | undefined;

self.onmessage = (event) => {
  const command = event.data;
  if (command.type === 'start') {
    running ??= run(command.config);
  } else {
    stopping.abort();
    void (running ?? Promise.resolve()).then(() => post({ type: 'stopped' }));
  }
};

const report = errorReporter('persister', 'the persister failed');

async function run(config: PersisterConfig): Promise<void> {
  configureLogs({ role: 'persister', ...config.log });
  // A Web Worker has its own module instances: it sets tracing up (and flushes it) itself.
  await startTracing('persister').catch(report);
  const closers: (() => Promise<void>)[] = [];
  try {
    const db = await openDatabase(
      config.socketPath
        ? { socketPath: config.socketPath, max: config.connections }
        : { databaseUrl: config.databaseUrl, max: config.connections },
    );
    closers.push(() => db.close());
    const redis = openRedis(config.redis, config.consumer);
    closers.push(() => redis.close());
    // Only for the inbox's `conversation` events: nothing subscribes here.
    const bus = createRedisBus(redis, { onError: report });
    closers.push(() => bus.close());
    const consumer = createRedisConsumer(redis, {
      consumer: config.consumer,
      count: config.batch,
      blockMs: config.blockMs,
      lingerMs: config.lingerMs,
      claimIdleMs: config.claimIdleMs,
      leaseMs: config.leaseMs,
      onError: report,
    });
    closers.push(() => consumer.close());
    await consumer.ensureGroups();
    const messages = await openMessageStore({ mongodbUrl: config.mongodbUrl, sql: db.sql });
    closers.push(() => messages.close());
    const presence = createRedisPresence(redis, { readOnly: true });
    closers.push(() => presence.close());
    const persister = new Persister({
      conversations: new PostgresConversationStore(db.sql),
      // Writes the batch's messages to the store (in its transaction when it is PostgreSQL).
      recorder: new PostgresMessageRecorder(db.sql, messages.store, {
        replyMailDelaySeconds: config.replyMailDelaySeconds,
      }),
      bus,
      // A conversation a visitor's message reopened gets an online agent of its team at once.
      assignment: new AutoAssignment(bus, new PostgresAssigner(db.sql), presence),
      onError: report,
    });
    post({ type: 'ready' });
    await consume(consumer, persister, {
      signal: stopping.signal,
      onError: report,
      onBatch: ({ stored, failed, dropped }) =>
        post({ type: 'stats', stats: { stored, failed, dropped } }),
    });
  } catch (error) {
    // Setting up failed (a database or Redis that is not there): the supervisor starts another.
    if (!stopping.signal.aborted) post({ type: 'fatal', error: String(error) });
  } finally {
    for (const close of closers.reverse()) await close().catch(report);
    await stopTracing().catch(report);
  }
}
