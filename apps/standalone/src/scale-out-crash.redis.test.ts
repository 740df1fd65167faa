import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@flc/storage/postgres';
import { createTestDatabase, serviceUrl } from '@flc/storage/testing';
import { chatTenant, createWebhook, restartable, restClient, sendThroughKill } from '@flc/testkit';

// The standalone process with REDIS_URL (appends deferred, persisters as its Web Workers) killed
// with SIGKILL while a visitor is sending, with acked messages still unstored and entries pending
// at its persisters, then started again: once both consumer groups have caught up, every acked
// message is stored exactly once, in seq order, retried cids get their first ack, and every
// message made exactly one `message.created` delivery. On PostgreSQL and on embedded PGlite.
const redis = serviceUrl('redis');
const pg = serviceUrl('postgres');
const main = join(import.meta.dir, 'main.ts');

const TOTAL = 300;

interface Target {
  name: string;
  env(): Promise<Record<string, string>>;
  /** The database, once the process has stopped. */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}
const targets: Target[] = [];
{
  const dataDir = join(tmpdir(), `flc-scale-out-crash-${crypto.randomUUID()}`);
  targets.push({
    name: 'pglite',
    env: async () => ({ FLC_DATA_DIR: dataDir }),
    open: () => openDatabase({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  });
}
if (pg) {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  targets.push({
    name: 'postgres',
    env: async () => {
      fresh ??= await createTestDatabase(pg, 'flc_standalone_crash');
      return { DATABASE_URL: fresh.url };
    },
    open: () => openDatabase({ databaseUrl: fresh?.url, max: 1 }),
    cleanup: async () => fresh?.drop(),
  });
}

for (const target of targets) {
  describe.if(Boolean(redis))(`standalone with REDIS_URL on ${target.name}, kill -9`, () => {
    const prefix = `flc-test-${crypto.randomUUID()}`;
    const events = new Set<string>();
    let wake = () => {};
    // Started by the test: a skipped suite (no Redis) opens no port.
    let receiver: ReturnType<typeof Bun.serve> | undefined;
    const platform = restartable(
      ['bun', main],
      async () => ({
        ...(await target.env()),
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: redis ?? '',
        FLC_REDIS_PREFIX: prefix,
        FLC_PERSISTER_WORKERS: '2',
        FLC_PERSISTER_BATCH: '10',
        // Quick takeover of what the killed process's workers held.
        FLC_PERSISTER_CLAIM_IDLE_MS: '1000',
        FLC_PARTITION_LEASE_MS: '1000',
        FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
        FLC_WEBHOOK_POLL_MS: '50',
      }),
      /running at (http:\/\/\S+)[\s\S]*messages: Redis bus/,
      60_000,
    );
    afterAll(async () => {
      await platform.kill();
      await receiver?.stop(true);
      await target.cleanup();
    }, 30_000);

    const start = async () => (await platform.start()).match[1] ?? '';

    test('every acked message is stored once after kill -9 and a restart', async () => {
      receiver = Bun.serve({
        port: 0,
        hostname: '127.0.0.1',
        async fetch(request) {
          const event = JSON.parse(await request.text());
          events.add(event.data.message.id);
          wake();
          return new Response('ok');
        },
      });
      let api = await start();
      const call = restClient(() => api);
      const tenant = await chatTenant(call, { name: 'Crash Co' });
      const hook = await createWebhook(call, tenant, `http://127.0.0.1:${receiver?.port}/hook`, [
        'message.created',
      ]);

      let metricsAtKill = '';
      // Everything without an ack is sent again after the restart, and a few acked ones (their
      // acks could have been lost).
      const run = await sendThroughKill({
        baseUrl: () => api,
        tenant,
        total: TOTAL,
        killAfter: 100,
        kill: async () => {
          metricsAtKill = await (await fetch(`${api}/metrics`)).text();
          await platform.kill();
        },
        restart: async () => {
          api = await start();
        },
      });
      const atKill = (name: string) =>
        Number(metricsAtKill.match(new RegExp(`${name} (\\d+)`))?.[1]);
      const storedAtKill = atKill('flc_persister_messages_total');
      const pendingAtKill = atKill('flc_persister_pending') + atKill('flc_persister_lag');
      for (const cid of run.retried) expect(run.ackedAfter.get(cid)).toBe(run.ackedBefore.get(cid));

      // Caught up: nothing left unread or pending in the persister group (the killed
      // process's entries claimed and stored), and an event for every message.
      const deadline = performance.now() + 60_000;
      for (;;) {
        const text = await (await fetch(`${api}/metrics`)).text();
        const done =
          text.includes('flc_persister_lag 0\n') &&
          text.includes('flc_persister_pending 0\n') &&
          events.size >= TOTAL;
        if (done) break;
        if (performance.now() > deadline) throw new Error(`not caught up:\n${text}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
      expect(await platform.current?.stop('SIGTERM')).toBe(0);

      const db = await target.open();
      try {
        const rows = await db.sql<{ seq: number; cid: string }[]>`
          select seq, cid from messages where conversation_id = ${run.conversationId} order by seq`;
        const [deliveries] = await db.sql<{ n: number; events: number }[]>`
          select count(*)::int as n, count(distinct event_id)::int as events
          from webhook_deliveries where webhook_id = ${hook.id}`;
        const cids = rows.map((r) => r.cid);
        console.log(
          `[crash ${target.name}] sent ${TOTAL}, acked before kill ${run.ackedBefore.size} ` +
            `(by then stored ${storedAtKill}, unread or pending ${pendingAtKill}), resent ${run.resend.length} ` +
            `(${run.retried.length} already acked), acked ${new Set([...run.ackedBefore.keys(), ...run.ackedAfter.keys()]).size}, ` +
            `stored ${rows.length}, duplicates ${cids.length - new Set(cids).size}, ` +
            `message.created deliveries ${deliveries?.n} (${events.size} received)`,
        );
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
        expect(new Set(cids).size).toBe(TOTAL);
        for (const [cid, seq] of run.ackedBefore) {
          expect(rows[seq - 1]?.cid).toBe(cid);
        }
        expect(deliveries).toEqual({ n: TOTAL, events: TOTAL });
      } finally {
        await db.close();
      }
    }, 180_000);
  });
}
