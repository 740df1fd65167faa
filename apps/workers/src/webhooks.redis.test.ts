import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { loadConfig } from '@flc/config';
import { MessageService, uuidv7, verifyWebhook } from '@flc/core';
import { createRedisBus, createRedisUnpersisted } from '@flc/storage/bus';
import { PostgresConversationStore, PostgresMessageStore } from '@flc/storage/postgres';
import { serviceUrl } from '@flc/storage/testing';
import { eventually, type FreshDatabase, freshDatabase, seedTenant } from './testing/fixtures.ts';
import { startReceiver } from './webhooks-receiver.ts';
import { startWorkers, type Workers } from './workers.ts';

// The scaled profile: messages appended to the Redis bus only (persistence deferred, as the
// realtime nodes and the API do there) become `message.created` deliveries through the
// webhooks' consumer group of the workers process, whose dispatcher Web Workers send them.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');

describe.if(Boolean(pg && redis))('webhooks in the workers process', () => {
  const redisUrl = redis ?? '';
  let database: FreshDatabase;
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
  }, 60_000);
  afterAll(() => database.drop(), 30_000);
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  }, 30_000);

  test("the bus's messages reach the webhook once each, in seq order per conversation", async () => {
    const prefix = `flc-test-${crypto.randomUUID()}`;
    const sql = database.db.sql;
    const receiver = startReceiver();
    cleanup.push(() => receiver.close());
    const tenant = await seedTenant(sql, 2);
    const [a = '', b = ''] = tenant.conversationIds;
    const [conversation] = await sql<{ environment_id: string }[]>`
      select environment_id from conversations where id = ${a}`;
    const secret = `whsec_${crypto.randomUUID()}`;
    const webhookId = uuidv7();
    await sql`
      insert into webhooks (id, organization_id, environment_id, url, events, signing_secret)
      values (${webhookId}, ${tenant.organizationId}, ${conversation?.environment_id ?? ''},
              ${receiver.url}, ${sql.array(['message.created'])}::text[], ${secret})`;

    const bus = createRedisBus({ url: redisUrl, prefix });
    const unpersisted = createRedisUnpersisted({ url: redisUrl, prefix });
    cleanup.push(
      () => bus.close(),
      () => unpersisted.close(),
    );
    const service = new MessageService(
      bus,
      new PostgresMessageStore(sql),
      new PostgresConversationStore(sql),
      { persistence: 'deferred', unpersisted },
    );
    const workers: Workers = await startWorkers(
      loadConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        FLC_REDIS_PREFIX: prefix,
        FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
        FLC_WEBHOOK_POLL_MS: '20',
        HOST: '127.0.0.1',
        PORT: '0',
      }),
      { blockMs: 200 },
    );
    cleanup.push(() => workers.stop());
    await workers.ready();

    const sent: Record<string, number> = { [a]: 0, [b]: 0 };
    for (let i = 0; i < 15; i++) {
      const conversationId = i % 3 === 0 ? b : a;
      const actor = i % 2 === 0 ? tenant.visitor : tenant.agent;
      await service.append(actor, { conversationId, body: `hello ${i}`, cid: `c-${i}` });
      sent[conversationId] = (sent[conversationId] ?? 0) + 1;
    }
    await receiver.until('fifteen events', () => receiver.processed.length === 15);

    expect(receiver.arrivals).toHaveLength(15);
    for (const conversationId of [a, b]) {
      const seqs = receiver.processed
        .map((x) => x.body.data as { message: { conversationId: string; seq: number } })
        .filter((d) => d.message.conversationId === conversationId)
        .map((d) => d.message.seq);
      expect(seqs).toEqual(Array.from({ length: sent[conversationId] ?? 0 }, (_, i) => i + 1));
    }
    for (const x of receiver.processed) {
      expect(x.body).toMatchObject({
        type: 'message.created',
        organizationId: tenant.organizationId,
        environmentId: conversation?.environment_id,
      });
      const ok = await verifyWebhook({
        secret,
        body: x.raw,
        timestamp: x.timestamp,
        signature: x.signature,
      });
      expect(ok).toBe(true);
    }
    const metrics = async () => (await fetch(`http://127.0.0.1:${workers.port}/metrics`)).text();
    await eventually('the dispatcher to report every delivery', async () =>
      (await metrics()).includes('flc_webhook_delivered_total 15\n'),
    );
    const text = await metrics();
    expect(text).toContain('flc_webhook_deliveries_pending 0\n');
    expect(text).toContain('flc_webhook_fanout_lag 0\n');
    expect(text).toContain('flc_webhook_messages_total 15\n');
    expect(workers.webhooks()).toMatchObject({ delivered: 15, failed: 0, running: 1 });
  }, 60_000);
});
