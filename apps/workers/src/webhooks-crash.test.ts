import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { type Message, MessageService, uuidv7 } from '@flc/core';
import { createRedisBus, createRedisUnpersisted } from '@flc/storage/bus';
import { PostgresConversationStore, PostgresMessageStore } from '@flc/storage/postgres';
import { openRedis } from '@flc/storage/redis';
import { serviceUrl } from '@flc/storage/testing';
import {
  eventually,
  type FreshDatabase,
  freshDatabase,
  type SqlTenant,
  type Started,
  seedTenant,
  startProcess,
} from '@flc/testkit';
import { startReceiver } from './webhooks-receiver.ts';

// The workers process killed with SIGKILL while webhook deliveries are in flight (and messages
// keep coming), then started again: every message's event reaches the receiver, which, being
// idempotent on X-FLC-Event-Id, processes each exactly once and in seq order per conversation.
// Repeats (an attempt the receiver answered but the dead process never recorded) are counted.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');
const main = join(import.meta.dir, 'main.ts');

const TOTAL = 240;
const CONVERSATIONS = 6;
const CONCURRENCY = 8;

describe.if(Boolean(pg && redis))('workers process killed mid-delivery', () => {
  const redisUrl = redis ?? '';
  const prefix = `flc-test-${crypto.randomUUID()}`;
  let database: FreshDatabase;
  let tenant: SqlTenant;
  const processes: Started[] = [];
  const receiver = startReceiver({
    respond: async (arrival, previous) => {
      // Slow enough that deliveries are in flight when the process dies; one event in ten
      // fails its first attempt, so retries are under way too.
      await Bun.sleep(30);
      const seq = (arrival.body.data as { message: { seq: number } }).message.seq;
      return new Response('', { status: previous === 0 && seq % 10 === 3 ? 500 : 200 });
    },
  });

  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
    tenant = await seedTenant(database.db.sql, CONVERSATIONS);
    await database.db.sql`
      insert into webhooks (id, organization_id, environment_id, url, events, signing_secret)
      values (${uuidv7()}, ${tenant.organizationId}, ${tenant.environmentId},
              ${receiver.url}, ${database.db.sql.array(['message.created'])}::text[], 'whsec_x')`;
  }, 60_000);
  afterAll(async () => {
    for (const p of processes) if (p.proc.exitCode === null) await p.stop('SIGKILL');
    await receiver.close();
    await database.drop();
  }, 30_000);

  const startWorkersProcess = async () => {
    const started = await startProcess(
      ['bun', main],
      {
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        FLC_REDIS_PREFIX: prefix,
        // Quick takeover of the stream entries the killed process had read.
        FLC_PERSISTER_CLAIM_IDLE_MS: '200',
        FLC_PARTITION_LEASE_MS: '1000',
        FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
        // Leases last the timeout + 5 s: that long until the killed process's work is redone.
        FLC_WEBHOOK_TIMEOUT_MS: '1000',
        FLC_WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms,1s,1s,1s,1s',
        FLC_WEBHOOK_POLL_MS: '20',
        FLC_WEBHOOK_CONCURRENCY: '8',
        HOST: '127.0.0.1',
        PORT: '0',
      },
      /listening on http:\/\/[\d.]+:(\d+)[\s\S]*webhook dispatchers running/,
      30_000,
    );
    processes.push(started);
    return started;
  };

  test('no delivery is lost and none is processed twice across kill -9 and a restart', async () => {
    const redis = openRedis({ server: { url: redisUrl }, prefix }, 'test');
    const bus = createRedisBus(redis);
    const unpersisted = createRedisUnpersisted(redis);
    const service = new MessageService(
      bus,
      new PostgresMessageStore(database.db.sql),
      new PostgresConversationStore(database.db.sql),
      { persistence: 'deferred', unpersisted },
    );
    const acked: Message[] = [];
    let sent = 0;
    const send = async (until: number) => {
      const lane = async () => {
        while (sent < until) {
          const n = ++sent;
          const { message } = await service.append(tenant.visitor, {
            conversationId: tenant.conversationIds[n % CONVERSATIONS] ?? '',
            body: `message ${n}`,
            cid: `cid-${n}`,
          });
          acked.push(message);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    };

    let workers = await startWorkersProcess();
    await send(100);
    await receiver.until('deliveries under way', () => {
      return receiver.processed.length >= 30 && receiver.inFlight > 0;
    });
    const inFlightAtKill = receiver.inFlight;
    const processedAtKill = receiver.processed.length;
    await workers.stop('SIGKILL');
    await send(170); // nobody dispatches: these wait in the streams and the outbox
    workers = await startWorkersProcess();
    await send(TOTAL);
    await receiver.until('every event processed', () => receiver.processed.length >= TOTAL, 90_000);
    await eventually(
      'no delivery left pending',
      async () => {
        const [row] = await database.db.sql<{ pending: number }[]>`
          select count(*)::int as pending from webhook_deliveries where status <> 'delivered'`;
        return row?.pending === 0;
      },
      30_000,
    );

    const processedIds = receiver.processed.map(
      (x) => (x.body.data as { message: { id: string } }).message.id,
    );
    const repeats = receiver.arrivals.filter((x) => x.repeat).length;
    const failedFirst = acked.filter((m) => m.seq % 10 === 3).length;
    const [rows] = await database.db.sql<{ deliveries: number; events: number }[]>`
      select count(*)::int as deliveries, count(distinct event_id)::int as events
      from webhook_deliveries`;
    console.log(
      `[webhooks crash] messages ${acked.length}, processed ${receiver.processed.length}, ` +
        `arrivals ${receiver.arrivals.length} (${failedFirst} planned 500s, ${repeats} repeats ` +
        `dropped by event id); at the kill: ${processedAtKill} processed, ${inFlightAtKill} in flight`,
    );

    expect(acked).toHaveLength(TOTAL);
    expect(receiver.processed).toHaveLength(TOTAL);
    expect(new Set(processedIds).size).toBe(TOTAL);
    expect(new Set(processedIds)).toEqual(new Set(acked.map((m) => m.id)));
    expect(rows).toEqual({ deliveries: TOTAL, events: TOTAL });
    // Every arrival is accounted for: one success per event, the planned 500s, and repeats.
    expect(receiver.arrivals.length).toBe(TOTAL + failedFirst + repeats);
    for (const conversationId of tenant.conversationIds) {
      const seqs = receiver.processed
        .map((x) => (x.body.data as { message: { conversationId: string; seq: number } }).message)
        .filter((m) => m.conversationId === conversationId)
        .map((m) => m.seq);
      const count = acked.filter((m) => m.conversationId === conversationId).length;
      expect(seqs).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }

    await bus.close();
    await redis.close();
    expect(await workers.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
