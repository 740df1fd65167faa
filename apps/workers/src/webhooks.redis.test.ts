import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { loadConfig } from '@flc/config';
import { MessageService, uuidv7, verifyWebhook } from '@flc/core';
import { createRedisBus, createRedisUnpersisted } from '@flc/storage/bus';
import { PostgresConversationStore, PostgresMessageStore } from '@flc/storage/postgres';
import { openRedis } from '@flc/storage/redis';
import { serviceUrl } from '@flc/storage/testing';
import {
  eventually,
  type FreshDatabase,
  freshDatabase,
  type SqlTenant,
  seedTenant,
} from '@flc/testkit';
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

  /** A webhook of the tenant's environment, subscribed to `events`. */
  async function webhookOn(
    tenant: SqlTenant,
    url: string,
    events: string[],
    secret = `whsec_${uuidv7()}`,
  ) {
    const sql = database.db.sql;
    const { environmentId } = tenant;
    const webhookId = uuidv7();
    await sql`
      insert into webhooks (id, organization_id, environment_id, url, events, signing_secret)
      values (${webhookId}, ${tenant.organizationId}, ${environmentId},
              ${url}, ${sql.array(events)}::text[], ${secret})`;
    return { webhookId, environmentId, secret };
  }

  /**
   * The scaled profile's append path (the bus only, deferred) and a workers process under one
   * fresh key prefix; both stopped after the test.
   */
  async function scaledPlatform(options: Parameters<typeof startWorkers>[1]) {
    const prefix = `flc-test-${crypto.randomUUID()}`;
    const sql = database.db.sql;
    const redis = openRedis({ server: { url: redisUrl }, prefix }, 'test');
    const bus = createRedisBus(redis);
    const unpersisted = createRedisUnpersisted(redis);
    cleanup.push(
      () => bus.close(),
      () => redis.close(),
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
      options,
    );
    cleanup.push(() => workers.stop());
    await workers.ready();
    const metrics = async () => (await fetch(`http://127.0.0.1:${workers.port}/metrics`)).text();
    return { service, workers, metrics };
  }

  test("the bus's messages reach the webhook once each, in seq order per conversation", async () => {
    const sql = database.db.sql;
    const receiver = startReceiver();
    cleanup.push(() => receiver.close());
    const tenant = await seedTenant(sql, 2);
    const [a = '', b = ''] = tenant.conversationIds;
    const { secret, environmentId } = await webhookOn(tenant, receiver.url, ['message.created']);
    const { service, workers, metrics } = await scaledPlatform({ blockMs: 200 });

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
        environmentId,
      });
      const ok = await verifyWebhook({
        secret,
        body: x.raw,
        timestamp: x.timestamp,
        signature: x.signature,
      });
      expect(ok).toBe(true);
    }
    await eventually('the dispatcher to report every delivery', async () =>
      (await metrics()).includes('flc_webhook_delivered_total 15\n'),
    );
    const text = await metrics();
    expect(text).toContain('flc_webhook_deliveries_pending 0\n');
    expect(text).toContain('flc_webhook_fanout_lag 0\n');
    expect(text).toContain('flc_webhook_messages_total 15\n');
    expect(workers.webhooks()).toMatchObject({ delivered: 15, failed: 0, running: 1 });
  }, 60_000);

  test('only organizations subscribed to message.created cost a query; a subscription counts from when it commits', async () => {
    const sql = database.db.sql;
    const receiver = startReceiver();
    cleanup.push(() => receiver.close());
    const subscribing = await seedTenant(sql, 1);
    const other = await seedTenant(sql, 1);
    const [conversationId = ''] = subscribing.conversationIds;
    const [otherConversation = ''] = other.conversationIds;
    // Subscribed to something else first: the organization's messages make no event.
    const { webhookId } = await webhookOn(subscribing, receiver.url, ['conversation.updated']);
    const { service, metrics } = await scaledPlatform({ blockMs: 200, lingerMs: { fanOut: 0 } });
    const send = (tenant: SqlTenant, id: string, body: string) =>
      service.append(tenant.visitor, { conversationId: id, body });

    for (let i = 0; i < 4; i++) {
      await send(subscribing, conversationId, `before ${i}`);
      await send(other, otherConversation, `other ${i}`);
    }
    await eventually('the fan-out to read the first messages', async () =>
      (await metrics()).includes('flc_webhook_messages_total 8\n'),
    );
    // Now it subscribes: the messages after the commit make events, the ones read before not.
    await sql`update webhooks set events = ${sql.array(['message.created'])}::text[]
      where id = ${webhookId}`;
    for (let i = 0; i < 3; i++) {
      await send(subscribing, conversationId, `after ${i}`);
      await send(other, otherConversation, `other again ${i}`);
    }
    await receiver.until('three events', () => receiver.processed.length === 3);
    await eventually('the fan-out to read every message', async () =>
      (await metrics()).includes('flc_webhook_messages_total 14\n'),
    );
    const bodies = receiver.processed.map(
      (x) => (x.body.data as { message: { body: string } }).message.body,
    );
    expect(bodies).toEqual(['after 0', 'after 1', 'after 2']);
    const [queued] = await sql<{ n: number }[]>`
      select count(*)::int as n from webhook_deliveries where webhook_id = ${webhookId}`;
    expect(queued?.n).toBe(3);
  }, 60_000);

  test('notes become note.created for the webhooks that ask for them, never message.created', async () => {
    const sql = database.db.sql;
    const messages = startReceiver();
    const notes = startReceiver();
    cleanup.push(
      () => messages.close(),
      () => notes.close(),
    );
    const tenant = await seedTenant(sql, 1);
    const [conversationId = ''] = tenant.conversationIds;
    await webhookOn(tenant, messages.url, ['message.created']);
    await webhookOn(tenant, notes.url, ['note.created']);
    const { service } = await scaledPlatform({ blockMs: 200 });
    await service.append(tenant.visitor, { conversationId, body: 'Hello' });
    await service.append(tenant.agent, { conversationId, body: 'secret: VIP', kind: 'note' });
    await service.append(tenant.agent, { conversationId, body: 'Hi!' });
    await messages.until('two messages', () => messages.processed.length === 2);
    await notes.until('one note', () => notes.processed.length === 1);
    const data = (x: { body: { data: unknown } }) =>
      (x.body.data as { message: { seq: number; kind?: string; prevSeq?: number } }).message;
    expect(messages.processed.map((x) => [x.body.type, data(x).seq, data(x).prevSeq])).toEqual([
      ['message.created', 1, undefined],
      ['message.created', 3, 1],
    ]);
    expect(JSON.stringify(messages.processed.map((x) => x.body))).not.toContain('secret');
    expect(notes.processed.map((x) => [x.body.type, data(x).seq, data(x).kind])).toEqual([
      ['note.created', 2, 'note'],
    ]);
  }, 60_000);
});
