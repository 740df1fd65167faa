import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { MessageService } from '@flc/core';
import {
  createGroupMonitor,
  createRedisBus,
  createRedisUnpersisted,
  type GroupMonitor,
} from '@flc/storage/bus';
import { PostgresConversationStore, PostgresMessageStore } from '@flc/storage/postgres';
import { openRedis, type RedisContext } from '@flc/storage/redis';
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

// The workers process killed with SIGKILL twice while messages pour in, and started again: once
// the group has no lag and nothing pending, every acknowledged message is stored exactly once,
// each conversation's seqs run 1..n without a gap or a repeat, and the read model is at n.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');

const TOTAL = 2_000;
const CONVERSATIONS = 8;
/** Appends in flight at once, as many sockets would have. */
const CONCURRENCY = 16;

describe.if(Boolean(pg && redis))('workers process killed mid-run', () => {
  const redisUrl = redis ?? '';
  let database: FreshDatabase;
  let tenant: SqlTenant;
  let context: RedisContext;
  let monitor: GroupMonitor;
  const workersProcess = restartableWorkers(
    () => database.url,
    redisUrl,
    {
      FLC_PERSISTER_WORKERS: '2',
      FLC_PERSISTER_BATCH: '50',
      // Quick takeover of the killed process's partitions and what it had in flight.
      FLC_PERSISTER_CLAIM_IDLE_MS: '1000',
      FLC_PARTITION_LEASE_MS: '1000',
    },
    /workers running \(persister ×2\)/,
  );

  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
    tenant = await seedTenant(database.db.sql, CONVERSATIONS);
    context = openRedis({ server: { url: redisUrl }, prefix: workersProcess.prefix }, 'test');
    monitor = createGroupMonitor(context);
  }, 60_000);
  afterAll(async () => {
    await workersProcess.kill();
    await context.close();
    await database.drop();
  }, 30_000);

  /** Kills the workers process; answers what its group had pending just before. */
  const kill = async () => {
    const pendingBefore = (await monitor.status()).pending;
    await workersProcess.kill();
    return pendingBefore;
  };

  test('every acked message is stored exactly once after kill -9 and restarts', async () => {
    const bus = createRedisBus(context);
    const unpersisted = createRedisUnpersisted(context);
    const service = new MessageService(
      bus,
      new PostgresMessageStore(database.db.sql),
      new PostgresConversationStore(database.db.sql),
      { persistence: 'deferred', unpersisted },
    );
    const traffic = numberedAppends(service, {
      conversationIds: tenant.conversationIds,
      concurrency: CONCURRENCY,
      actor: (n) => (n % 3 === 0 ? tenant.agent : tenant.visitor),
    });
    const { acked } = traffic;

    await workersProcess.start();
    await traffic.until(600);
    const inFlightAtFirstKill = await kill(); // mid-run: it is persisting behind the sends
    await traffic.until(1_100); // nobody persists: these wait in the streams
    await workersProcess.start();
    await traffic.until(1_500);
    const inFlightAtSecondKill = await kill();
    await traffic.until(TOTAL);
    const workers = await workersProcess.start();

    await eventually(
      'the persister group to have no lag and nothing pending',
      async () => {
        const status = await monitor.status();
        return status.lag === 0 && status.pending === 0;
      },
      60_000,
    );

    const sql = database.db.sql;
    const [totals] = await sql<{ stored: number; distinct: number }[]>`
      select count(*)::int as stored, count(distinct body)::int as distinct
      from messages where organization_id = ${tenant.organizationId}`;
    const stored = totals?.stored ?? 0;
    const duplicates = stored - (totals?.distinct ?? 0);
    const rows = await sql<{ id: string; conversation_id: string; seq: number }[]>`
      select id, conversation_id, seq from messages
      where organization_id = ${tenant.organizationId} order by conversation_id, seq`;
    const storedIds = new Set(rows.map((r) => r.id));
    const missing = acked.filter((m) => !storedIds.has(m.id)).length;
    const metrics = await (await fetch(`http://127.0.0.1:${workers.match[1]}/metrics`)).text();
    console.log(
      `[crash] sent ${traffic.sent()}, acked ${acked.length}, stored ${stored}, duplicates ${duplicates}, ` +
        `missing ${missing}; pending at the kills: ${inFlightAtFirstKill}, ${inFlightAtSecondKill}; ` +
        `written by the last process: ${metrics.match(/flc_persister_messages_total (\d+)/)?.[1]}`,
    );

    expect(acked).toHaveLength(TOTAL);
    expect(stored).toBe(TOTAL);
    expect(duplicates).toBe(0);
    expect(missing).toBe(0);
    for (const conversationId of tenant.conversationIds) {
      const seqs = rows.filter((r) => r.conversation_id === conversationId).map((r) => r.seq);
      const count = acked.filter((m) => m.conversationId === conversationId).length;
      expect(seqs).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      const [conversation] = await sql<{ last_seq: number }[]>`
        select last_seq from conversations where id = ${conversationId}`;
      expect(conversation?.last_seq).toBe(count);
    }
    expect(metrics).toContain('flc_persister_lag 0\n');

    await bus.close();
    expect(await workers.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
