import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { loadConfig } from '@flc/config';
import {
  type Actor,
  type Bus,
  type BusEvent,
  MessageService,
  Persister,
  type Topic,
} from '@flc/core';
import {
  createGroupMonitor,
  createRedisBus,
  createRedisConsumer,
  createRedisUnpersisted,
  type RedisConsumer,
  type StreamDelivery,
} from '@flc/storage/bus';
import {
  openDatabase,
  PostgresConversationStore,
  PostgresMessageRecorder,
  PostgresMessageStore,
  type Sql,
} from '@flc/storage/postgres';
import { createRedisPresence } from '@flc/storage/presence';
import { openRedis, type RedisContext } from '@flc/storage/redis';
import { seedTeam, seedWebhook, serviceUrl } from '@flc/storage/testing';
import { eventually, type FreshDatabase, freshDatabase, seedTenant } from '@flc/testkit';
import { startWorkers, type Workers } from './workers.ts';

// The persister on real servers: messages appended through the Redis bus (as a realtime node
// does, persistence deferred) reach PostgreSQL through the workers, with the read model and the
// inbox event; and the Persister's failure paths on a real consumer group.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');

describe.if(Boolean(pg && redis))('message persister', () => {
  const redisUrl = redis ?? '';
  let database: FreshDatabase;
  let prefix = '';
  const closing: { close(): Promise<void> }[] = [];
  let workers: Workers | undefined;

  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
  }, 60_000);
  afterAll(() => database.drop(), 30_000);
  afterEach(async () => {
    await workers?.stop();
    workers = undefined;
    await Promise.all(closing.splice(0).map((c) => c.close()));
  }, 30_000);

  /** A fresh key prefix: each test is its own install on the shared Redis. */
  const platform = () => {
    prefix = `flc-test-${crypto.randomUUID()}`;
    const redis = openRedis({ server: { url: redisUrl }, prefix }, 'test');
    const bus = createRedisBus(redis);
    const unpersisted = createRedisUnpersisted(redis);
    closing.push(bus, redis);
    const conversations = new PostgresConversationStore(database.db.sql);
    const store = new PostgresMessageStore(database.db.sql);
    const service = new MessageService(bus, store, conversations, {
      persistence: 'deferred',
      unpersisted,
    });
    return { bus, redis, store, conversations, service };
  };
  const start = async (count = 2) => {
    workers = await startWorkers(
      loadConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        FLC_REDIS_PREFIX: prefix,
        FLC_PERSISTER_WORKERS: String(count),
        HOST: '127.0.0.1',
        PORT: '0',
      }),
      { blockMs: 200 },
    );
    await workers.ready();
    return workers;
  };
  const inbox = async (bus: Bus, organizationId: string) => {
    const events: BusEvent[] = [];
    const topic: Topic = { kind: 'organization', organizationId };
    closing.push({ close: async () => unsubscribe() });
    const unsubscribe = await bus.subscribe(topic, (e) => events.push(e));
    return events;
  };
  const frames = (events: BusEvent[]) =>
    events.map(
      (e) =>
        JSON.parse(e.type === 'reset' ? '{}' : e.frame) as { event: string; conversation: Summary },
    );
  interface Summary {
    id: string;
    unread: number;
    status: string;
    lastMessage: { seq: number; body: string } | null;
    assigneeId: string | null;
  }

  test('messages appended on the bus are stored once, with the read model and the inbox event', async () => {
    const { bus, store, conversations, service } = platform();
    const tenant = await seedTenant(database.db.sql, 3);
    const events = await inbox(bus, tenant.organizationId);
    await start(2);
    const perConversation = 20;
    for (let i = 1; i <= perConversation; i++) {
      await Promise.all(
        tenant.conversationIds.map((conversationId) =>
          // Visitors write odd seqs, the agent even ones; the last word is the agent's.
          service.append(i % 2 ? tenant.visitor : tenant.agent, {
            conversationId,
            body: `#${i}`,
            cid: `cid-${i}`,
          }),
        ),
      );
    }
    // The inbox hears of the last message of every conversation once the persister moved it.
    await eventually('the inbox events of every last message', async () =>
      tenant.conversationIds.every((id) =>
        frames(events).some(
          (f) => f.conversation.id === id && f.conversation.lastMessage?.seq === perConversation,
        ),
      ),
    );
    // Two workers write different batches: the one holding the newest seqs may move the read
    // model before the other has stored the older ones, so the store is awaited on its own.
    await eventually('every message stored', async () => {
      for (const id of tenant.conversationIds) {
        const stored = await store.range(tenant.organizationId, id, { limit: 1_000 });
        if (stored.length < perConversation) return false;
      }
      return true;
    });
    for (const id of tenant.conversationIds) {
      const stored = await store.range(tenant.organizationId, id, { limit: 1_000 });
      expect(stored.map((m) => m.seq)).toEqual(
        Array.from({ length: perConversation }, (_, i) => i + 1),
      );
      const row = await conversations.get({ organizationId: tenant.organizationId }, id);
      expect(row).toMatchObject({
        last_seq: perConversation,
        agent_read_seq: perConversation,
        visitor_read_seq: perConversation - 1,
        status: 'open',
      });
      expect(row.last_message).toMatchObject({ seq: perConversation, body: `#${perConversation}` });
    }
    const [count] = await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from messages where organization_id = ${tenant.organizationId}`;
    expect(count?.n).toBe(3 * perConversation);
    expect(frames(events).every((f) => f.event === 'message')).toBe(true);

    const running = workers as Workers;
    await eventually('every entry acknowledged', async () => {
      const group = await running.group();
      return group.lag === 0 && group.pending === 0;
    });
    const metrics = await (await fetch(`http://127.0.0.1:${running.port}/metrics`)).text();
    expect(metrics).toContain('flc_persister_lag 0\n');
    expect(metrics).toContain(`flc_persister_messages_total ${3 * perConversation}\n`);
    expect(metrics).toMatch(/flc_persister_batches_total [1-9]/);
    expect(metrics).toContain('flc_worker_restarts_total 0\n');
    const health = await fetch(`http://127.0.0.1:${running.port}/health`);
    expect(await health.json()).toEqual({ status: 'ok', workers: 2 });
  }, 60_000);

  test("a visitor's message reopens a conversation whose agent went offline: the persister gives it to an online member", async () => {
    const { bus, redis, service } = platform();
    const team = await seedTeam(database.db.sql, { agents: 2, capacity: null, mode: 'least_busy' });
    const [gone, online] = team.agentIds as [string, string];
    const id = team.conversationId;
    await database.db.sql`
      update conversations set assignee_id = ${gone}, team_id = ${team.teamId} where id = ${id}`;
    // The other member has a console open on a realtime node.
    const presence = createRedisPresence(redis);
    closing.unshift(presence);
    await presence.connect(team.organizationId, online);
    const events = await inbox(bus, team.organizationId);
    await start(1);
    const visitor: Actor = {
      type: 'visitor',
      id: team.contactId,
      organizationId: team.organizationId,
    };
    await service.append(visitor, { conversationId: id, body: 'back again' });
    // Reopened, then given to the online member: the agents hear both.
    await eventually('the reassignment', async () =>
      frames(events).some((f) => f.conversation.assigneeId === online),
    );
    expect(
      frames(events).map((f) => [f.event, f.conversation.status, f.conversation.assigneeId]),
    ).toEqual([
      ['updated', 'open', gone],
      ['updated', 'open', online],
    ]);
  }, 60_000);

  test('history has no gap while the persister lags: the missing seqs come from the stream', async () => {
    const { service, store } = platform();
    const tenant = await seedTenant(database.db.sql, 1);
    const [conversationId = ''] = tenant.conversationIds;
    const sent = [];
    for (let i = 1; i <= 12; i++) {
      sent.push((await service.append(tenant.visitor, { conversationId, body: `m${i}` })).message);
    }
    // Some stored out of order, as several workers leave it for a moment: 1-3, 6, 9.
    await store.insert(sent.filter((m) => [1, 2, 3, 6, 9].includes(m.seq)));
    const seqs = async (range: { afterSeq?: number; beforeSeq?: number; limit: number }) => {
      const page = await service.history(tenant.visitor, conversationId, range);
      return [page.items.map((m) => m.seq), page.hasMore];
    };
    expect(await seqs({ limit: 50 })).toEqual([sent.map((m) => m.seq), false]);
    expect(await seqs({ afterSeq: 2, limit: 5 })).toEqual([[3, 4, 5, 6, 7], true]);
    expect(await seqs({ afterSeq: 9, limit: 5 })).toEqual([[10, 11, 12], false]);
    expect(await seqs({ beforeSeq: 13, limit: 4 })).toEqual([[9, 10, 11, 12], true]);
    expect(await seqs({ beforeSeq: 4, limit: 10 })).toEqual([[1, 2, 3], false]);
    const page = await service.history(tenant.visitor, conversationId, { afterSeq: 3, limit: 1 });
    expect(page.items).toEqual([
      {
        id: sent[3]?.id ?? '',
        conversationId,
        seq: 4,
        sender: sent[3]?.sender ?? { type: 'visitor', id: '' },
        body: 'm4',
        createdAt: sent[3]?.createdAt ?? '',
        cid: sent[3]?.cid ?? '',
      },
    ]);
  });

  test("a visitor's history skips notes while the persister lags; the persister keeps them as notes", async () => {
    const { service, store, conversations } = platform();
    const tenant = await seedTenant(database.db.sql, 1);
    const [conversationId = ''] = tenant.conversationIds;
    for (let i = 1; i <= 10; i++) {
      // Notes at 3, 6 and 9.
      const note = i % 3 === 0;
      await service.append(note ? tenant.agent : tenant.visitor, {
        conversationId,
        body: note ? `secret ${i}` : `m${i}`,
        ...(note && { kind: 'note' as const }),
      });
    }
    const seqs = async (
      actor: Actor,
      range: { afterSeq?: number; beforeSeq?: number; limit: number },
    ) => {
      const page = await service.history(actor, conversationId, range);
      return [page.items.map((m) => m.seq), page.hasMore];
    };
    // Nothing is stored yet: every page comes from the stream.
    expect(await seqs(tenant.visitor, { limit: 50 })).toEqual([[1, 2, 4, 5, 7, 8, 10], false]);
    expect(await seqs(tenant.visitor, { afterSeq: 2, limit: 3 })).toEqual([[4, 5, 7], true]);
    expect(await seqs(tenant.visitor, { beforeSeq: 11, limit: 2 })).toEqual([[8, 10], true]);
    expect(await seqs(tenant.agent, { afterSeq: 8, limit: 5 })).toEqual([[9, 10], false]);

    await start(1);
    await eventually(
      'every message stored',
      async () => (await store.headSeq(conversationId)) === 10,
    );
    const stored = await store.range(tenant.organizationId, conversationId, { limit: 50 });
    expect(stored.map((m) => [m.seq, m.kind, m.prevSeq])).toEqual([
      [1, undefined, undefined],
      [2, undefined, undefined],
      [3, 'note', undefined],
      [4, undefined, 2],
      [5, undefined, undefined],
      [6, 'note', undefined],
      [7, undefined, 5],
      [8, undefined, undefined],
      [9, 'note', undefined],
      [10, undefined, 8],
    ]);
    expect(await store.headSeq(conversationId, 'visitor')).toBe(10);
    await eventually('the read model moved', async () => {
      const row = await conversations.get(
        { organizationId: tenant.organizationId },
        conversationId,
      );
      return row.last_seq === 10;
    });
    const row = await conversations.get({ organizationId: tenant.organizationId }, conversationId);
    // The last message is the visitor's view; the notes after its read position are skipped.
    expect(row).toMatchObject({
      last_message: { seq: 10 },
      visitor_read_seq: 10,
      visitor_hidden_seqs: [],
    });
    expect(await seqs(tenant.visitor, { afterSeq: 2, limit: 3 })).toEqual([[4, 5, 7], true]);
  }, 60_000);

  describe('the Persister on a real consumer group', () => {
    const consumer = (redis: RedisContext, name: string): RedisConsumer => {
      const c = createRedisConsumer(redis, { consumer: name, blockMs: 100 });
      closing.unshift(c);
      return c;
    };
    const persister = (sql: Sql, bus: Pick<Bus, 'signal'>) =>
      new Persister({
        conversations: new PostgresConversationStore(sql),
        recorder: new PostgresMessageRecorder(sql),
        bus,
        onError: () => {},
      });
    const takeAll = async (c: RedisConsumer, n: number) => {
      const got = [];
      for (let i = 0; i < 50 && got.length < n; i++) got.push(...(await c.next()));
      expect(got).toHaveLength(n);
      return got;
    };

    test('a batch whose write fails stays pending, and is stored once when claimed again', async () => {
      const { bus, redis, service, store } = platform();
      const tenant = await seedTenant(database.db.sql, 2);
      const monitor = createGroupMonitor(redis);
      const first = consumer(redis, 'first');
      await first.ensureGroups();
      for (const conversationId of tenant.conversationIds) {
        for (let i = 1; i <= 3; i++)
          await service.append(tenant.agent, { conversationId, body: `x${i}` });
      }
      // A database that went away under the worker.
      const gone = await openDatabase({ databaseUrl: database.url, max: 1 });
      await gone.close();
      const batch = await takeAll(first, 6);
      expect(await persister(gone.sql, bus).handle(batch, first)).toEqual({
        stored: 0,
        acked: 0,
        failed: 6,
        dropped: 0,
      });
      expect(await monitor.status()).toMatchObject({ lag: 0, pending: 6 });

      // The first one gives its partitions up: the next takes over what it left pending.
      await first.close();
      const second = consumer(redis, 'second');
      const again = await takeAll(second, 6);
      expect(await persister(database.db.sql, bus).handle(again, second)).toEqual({
        stored: 6,
        acked: 6,
        failed: 0,
        dropped: 0,
      });
      // Delivered once more (the first consumer comes back): stored still once.
      await persister(database.db.sql, bus).handle(batch, first);
      expect(await monitor.status()).toMatchObject({ lag: 0, pending: 0 });
      for (const id of tenant.conversationIds) {
        const rows = await store.range(tenant.organizationId, id, { limit: 100 });
        expect(rows.map((m) => m.seq)).toEqual([1, 2, 3]);
      }
    });

    test("a deleted conversation's messages are acknowledged without a write; the rest of the batch is stored", async () => {
      const { bus, redis, service, store } = platform();
      const tenant = await seedTenant(database.db.sql, 2);
      const [kept = '', deleted = ''] = tenant.conversationIds;
      const c = consumer(redis, 'only');
      await c.ensureGroups();
      await service.append(tenant.visitor, { conversationId: kept, body: 'kept' });
      await service.append(tenant.visitor, { conversationId: deleted, body: 'too late' });
      await bus.signal(
        { kind: 'conversation', organizationId: tenant.organizationId, conversationId: kept },
        '{"t":"typing"}',
      );
      await database.db.sql`delete from conversations where id = ${deleted}`;
      // The signal is published, never logged: the stream holds the two messages only.
      const batch = await takeAll(c, 2);
      expect(await persister(database.db.sql, bus).handle(batch, c)).toEqual({
        stored: 1,
        acked: 2,
        failed: 0,
        dropped: 1,
      });
      expect(
        (await store.range(tenant.organizationId, kept, { limit: 10 })).map((m) => m.body),
      ).toEqual(['kept']);
      expect(await store.headSeq(deleted)).toBe(0);
      expect(await c.next()).toEqual([]);
    });

    test('one batch with a visitor and then an agent message leaves the row as one by one would', async () => {
      const { bus, redis, service, conversations } = platform();
      const tenant = await seedTenant(database.db.sql, 1);
      const [conversationId = ''] = tenant.conversationIds;
      await database.db
        .sql`update conversations set status = 'closed' where id = ${conversationId}`;
      const events = await inbox(bus, tenant.organizationId);
      const c = consumer(redis, 'only');
      await c.ensureGroups();
      const writers: Actor[] = [tenant.agent, tenant.visitor, tenant.visitor, tenant.agent];
      for (const [i, actor] of writers.entries()) {
        await service.append(actor, { conversationId, body: `w${i + 1}` });
      }
      const batch = await takeAll(c, 4);
      await persister(database.db.sql, bus).handle(batch, c);
      const row = await conversations.get(
        { organizationId: tenant.organizationId },
        conversationId,
      );
      expect(row).toMatchObject({
        status: 'open', // reopened by the visitor's message
        last_seq: 4,
        visitor_read_seq: 3,
        agent_read_seq: 4,
      });
      await eventually('the inbox event', async () => events.length > 0);
      expect(frames(events)).toHaveLength(1);
      // The batch reopened the conversation: an update of its status, with the newest message.
      expect(frames(events)[0]).toMatchObject({
        event: 'updated',
        conversation: { id: conversationId, unread: 0, status: 'open', lastMessage: { seq: 4 } },
      });
    });

    test('a visitor message recorded late still reopens, with `updated` and conversation.updated', async () => {
      const { bus, redis, service, conversations } = platform();
      const tenant = await seedTenant(database.db.sql, 1);
      const [conversationId = ''] = tenant.conversationIds;
      const scope = { organizationId: tenant.organizationId };
      const hook = await seedWebhook(database.db.sql, tenant, ['conversation.updated']);
      const updates = () => database.db.sql<{ payload: { conversation: Summary } }[]>`
        select payload from webhook_deliveries where webhook_id = ${hook} order by ordinal`;
      const events = await inbox(bus, tenant.organizationId);
      const c = consumer(redis, 'only');
      await c.ensureGroups();
      // Closed as the bus stands at 0; then the visitor writes 1 and the agent answers 2.
      await conversations.patch(scope, conversationId, { status: 'closed' }, 0);
      await service.append(tenant.visitor, { conversationId, body: 'still there?' });
      await service.append(tenant.agent, { conversationId, body: 'yes' });
      const [visitorEntry, agentEntry] = await takeAll(c, 2);
      // Two persisters: the agent's answer is recorded first, the visitor's message late.
      await persister(database.db.sql, bus).handle([agentEntry as StreamDelivery], c);
      expect((await conversations.get(scope, conversationId)).status).toBe('closed');
      await persister(database.db.sql, bus).handle([visitorEntry as StreamDelivery], c);
      expect(await conversations.get(scope, conversationId)).toMatchObject({
        status: 'open',
        last_seq: 2,
        visitor_read_seq: 1,
      });
      await eventually('the inbox events', async () => events.length === 2);
      expect(frames(events).map((f) => [f.event, f.conversation.status])).toEqual([
        ['message', 'closed'],
        ['updated', 'open'],
      ]);
      expect((await updates()).map((r) => r.payload.conversation)).toMatchObject([
        { id: conversationId, status: 'open', lastMessage: { seq: 2, body: 'yes' } },
      ]);

      // Closed again as the bus stands at 3, a visitor message it had already numbered; that
      // message, recorded after the close, does not reopen it. The next one (4) does.
      await service.append(tenant.visitor, { conversationId, body: 'thanks' });
      await conversations.patch(scope, conversationId, { status: 'closed' }, 3);
      await service.append(tenant.visitor, { conversationId, body: 'one more thing' });
      const [thanks, oneMore] = await takeAll(c, 2);
      await persister(database.db.sql, bus).handle([thanks as StreamDelivery], c);
      expect((await conversations.get(scope, conversationId)).status).toBe('closed');
      await persister(database.db.sql, bus).handle([oneMore as StreamDelivery], c);
      expect((await conversations.get(scope, conversationId)).status).toBe('open');
      expect(await updates()).toHaveLength(2);
      await eventually('the inbox events', async () => events.length === 4);
      expect(frames(events).map((f) => f.event)).toEqual([
        'message',
        'updated',
        'message',
        'updated',
      ]);
    });
  });
});
