import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { MessageService, uuidv7 } from '@flc/core';
import { createRedisBus, createRedisUnpersisted } from '@flc/storage/bus';
import { PostgresConversationStore, PostgresMessageStore } from '@flc/storage/postgres';
import { openRedis } from '@flc/storage/redis';
import { serviceUrl } from '@flc/storage/testing';
import {
  eventually,
  type FreshDatabase,
  freshDatabase,
  numberedAppends,
  type SqlTenant,
  seedTenant,
} from '@flc/testkit';
import { restartableWorkers } from './testing/workers-process.ts';
import { startReceiver } from './webhooks-receiver.ts';

// The workers process killed with SIGKILL while webhook deliveries are in flight (and messages
// keep coming), then started again: every message's event reaches the receiver, which, being
// idempotent on X-FLC-Event-Id, processes each exactly once and in seq order per conversation.
// Repeats (an attempt the receiver answered but the dead process never recorded) are counted.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');

const TOTAL = 240;
const CONVERSATIONS = 6;
const CONCURRENCY = 8;

describe.if(Boolean(pg && redis))('workers process killed mid-delivery', () => {
  const redisUrl = redis ?? '';
  let database: FreshDatabase;
  let tenant: SqlTenant;
  const workersProcess = restartableWorkers(
    () => database.url,
    redisUrl,
    {
      // Quick takeover of the stream entries the killed process had read.
      FLC_PERSISTER_CLAIM_IDLE_MS: '200',
      FLC_PARTITION_LEASE_MS: '1000',
      FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
      // Leases last the timeout + 5 s: that long until the killed process's work is redone.
      FLC_WEBHOOK_TIMEOUT_MS: '1000',
      FLC_WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms,1s,1s,1s,1s',
      FLC_WEBHOOK_POLL_MS: '20',
      FLC_WEBHOOK_CONCURRENCY: '8',
    },
    /webhook dispatchers running/,
  );
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
    await workersProcess.kill();
    await receiver.close();
    await database.drop();
  }, 30_000);

  test('no delivery is lost and none is processed twice across kill -9 and a restart', async () => {
    const redis = openRedis({ server: { url: redisUrl }, prefix: workersProcess.prefix }, 'test');
    const bus = createRedisBus(redis);
    const unpersisted = createRedisUnpersisted(redis);
    const service = new MessageService(
      bus,
      new PostgresMessageStore(database.db.sql),
      new PostgresConversationStore(database.db.sql),
      { persistence: 'deferred', unpersisted },
    );
    const traffic = numberedAppends(service, {
      conversationIds: tenant.conversationIds,
      concurrency: CONCURRENCY,
      actor: () => tenant.visitor,
    });
    const { acked } = traffic;

    await workersProcess.start();
    await traffic.until(100);
    await receiver.until('deliveries under way', () => {
      return receiver.processed.length >= 30 && receiver.inFlight > 0;
    });
    const inFlightAtKill = receiver.inFlight;
    const processedAtKill = receiver.processed.length;
    await workersProcess.kill();
    await traffic.until(170); // nobody dispatches: these wait in the streams and the outbox
    const workers = await workersProcess.start();
    await traffic.until(TOTAL);
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
