import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { type Message, MessageService } from '@flc/core';
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
  type SqlTenant,
  type Started,
  seedTenant,
  startProcess,
} from '@flc/testkit';

// The workers process killed with SIGKILL twice while messages pour in, and started again: once
// the group has no lag and nothing pending, every acknowledged message is stored exactly once,
// each conversation's seqs run 1..n without a gap or a repeat, and the read model is at n.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');
const main = join(import.meta.dir, 'main.ts');

const TOTAL = 2_000;
const CONVERSATIONS = 8;
/** Appends in flight at once, as many sockets would have. */
const CONCURRENCY = 16;

describe.if(Boolean(pg && redis))('workers process killed mid-run', () => {
  const redisUrl = redis ?? '';
  const prefix = `flc-test-${crypto.randomUUID()}`;
  let database: FreshDatabase;
  let tenant: SqlTenant;
  let context: RedisContext;
  let monitor: GroupMonitor;
  const processes: Started[] = [];

  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
    tenant = await seedTenant(database.db.sql, CONVERSATIONS);
    context = openRedis({ server: { url: redisUrl }, prefix }, 'test');
    monitor = createGroupMonitor(context);
  }, 60_000);
  afterAll(async () => {
    for (const p of processes) if (p.proc.exitCode === null) await p.stop('SIGKILL');
    await context.close();
    await database.drop();
  }, 30_000);

  const startWorkersProcess = async () => {
    const started = await startProcess(
      ['bun', main],
      {
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        FLC_REDIS_PREFIX: prefix,
        FLC_PERSISTER_WORKERS: '2',
        FLC_PERSISTER_BATCH: '50',
        // Quick takeover of the killed process's partitions and what it had in flight.
        FLC_PERSISTER_CLAIM_IDLE_MS: '1000',
        FLC_PARTITION_LEASE_MS: '1000',
        HOST: '127.0.0.1',
        PORT: '0',
      },
      /listening on http:\/\/[\d.]+:(\d+)[\s\S]*workers running \(persister ×2\)/,
      30_000,
    );
    processes.push(started);
    return started;
  };
  const kill = async (p: Started) => {
    const pendingBefore = (await monitor.status()).pending;
    await p.stop('SIGKILL');
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
    const acked: Message[] = [];
    let sent = 0;
    /** Sends messages until `until` have been sent, CONCURRENCY at a time. */
    const send = async (until: number) => {
      const lane = async () => {
        while (sent < until) {
          const n = ++sent;
          const conversationId = tenant.conversationIds[n % CONVERSATIONS] ?? '';
          const actor = n % 3 === 0 ? tenant.agent : tenant.visitor;
          const { message } = await service.append(actor, {
            conversationId,
            body: `message ${n}`,
            cid: `cid-${n}`,
          });
          acked.push(message);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    };

    let workers = await startWorkersProcess();
    await send(600);
    const inFlightAtFirstKill = await kill(workers); // mid-run: it is persisting behind the sends
    await send(1_100); // nobody persists: these wait in the streams
    workers = await startWorkersProcess();
    await send(1_500);
    const inFlightAtSecondKill = await kill(workers);
    await send(TOTAL);
    workers = await startWorkersProcess();

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
      `[crash] sent ${sent}, acked ${acked.length}, stored ${stored}, duplicates ${duplicates}, ` +
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
