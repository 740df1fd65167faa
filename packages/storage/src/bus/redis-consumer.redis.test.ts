import { afterEach, describe, expect, test } from 'bun:test';
import type { MessageInput } from '@flc/core';
import { conversationKeys, type KeyLayout, partitionOf, partitions } from '../redis/layout.ts';
import { openRedis, type RedisContext } from '../redis/server.ts';
import { freshPrefix, redisTestServers } from '../testing/redis-servers.ts';
import { createPartitionLeases } from './partition-leases.ts';
import { createRedisBus } from './redis-bus.ts';
import {
  createRedisConsumer,
  type RedisConsumer,
  type RedisConsumerOptions,
  type StreamDelivery,
} from './redis-consumer.ts';
import {
  ensureGroups,
  persisterGroup as group,
  groupStatus,
  pruneConsumers,
} from './redis-group.ts';
import { createRedisUnpersisted } from './redis-unpersisted.ts';

/** Few partitions, so each test's members split them visibly; short leases, so they move soon. */
const PARTITIONS = 8;
const LEASE_MS = 900;

const input = (conversationId: string, cid: string, organizationId = 'org-1'): MessageInput => ({
  organizationId,
  conversationId,
  cid,
  sender: { type: 'visitor', id: 'contact-1' },
  body: `body of ${cid}`,
});

/** Resolves once `check` holds, polling what consumers do on their own timers; fails after 10 s. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

for (const redis of redisTestServers()) {
  describe(`redis consumer groups over partitions (${redis.name})`, () => {
    let prefix = '';
    let layout: KeyLayout;
    let admin: RedisContext;
    const closing: { close(): Promise<void> }[] = [];

    const context = (name: string) => {
      const c = openRedis(redis.settings(prefix, { partitions: PARTITIONS }), name);
      closing.push(c);
      return c;
    };
    const bus = () => {
      const b = createRedisBus(context('bus'));
      closing.push(b);
      return b;
    };
    const consumer = (name: string, options: Partial<RedisConsumerOptions> = {}): RedisConsumer => {
      const c = createRedisConsumer(context(name), {
        consumer: name,
        blockMs: 100,
        leaseMs: LEASE_MS,
        ...options,
      });
      closing.push(c);
      return c;
    };
    /** Reads until `n` entries came; fails after 100 reads. */
    const take = async (c: RedisConsumer, n: number): Promise<StreamDelivery[]> => {
      const got: StreamDelivery[] = [];
      for (let i = 0; i < 100 && got.length < n; i++) got.push(...(await c.next()));
      expect(got).toHaveLength(n);
      return got;
    };
    const fresh = () => {
      prefix = freshPrefix();
      layout = { prefix, partitions: PARTITIONS };
      admin = context('admin');
    };

    afterEach(async () => {
      // Consumers and buses before the connections they use (they were opened after them).
      for (const c of closing.splice(0).reverse()) await c.close();
      await redis.drop(prefix);
    });

    test('the group is created on every partition from the first entry, and creating it again is harmless', async () => {
      fresh();
      // Appended before any persister ran: still read.
      const early = await bus().append(input('c-1', 'early'));
      const c = consumer('a');
      await c.ensureGroups();
      await c.ensureGroups();
      await ensureGroups(admin.commands, layout, group);
      for (const { stream } of partitions(layout)) {
        const groups = (await admin.commands.flcKeyed(stream, 'XINFO', 'GROUPS')) as unknown[][];
        expect(groups).toHaveLength(1);
        expect(groups[0]?.[1]).toBe(group);
      }
      expect(await groupStatus(admin.commands, layout, group)).toEqual({
        lag: 1,
        pending: 0,
        streams: PARTITIONS,
        maxLag: 1,
      });
      const [first] = await take(c, 1);
      expect(first?.message).toEqual(early.message);
    });

    test('an entry carries the request id its append was given, and the message never does', async () => {
      fresh();
      const b = bus();
      const c = consumer('a');
      await c.ensureGroups();
      const tagged = await b.append({ ...input('c-1', 'tagged'), requestId: 'req-7' });
      const plain = await b.append(input('c-1', 'plain'));
      const got = await take(c, 2);
      expect(got.map((d) => [d.message?.id, d.requestId])).toEqual([
        [tagged.message.id, 'req-7'],
        [plain.message.id, undefined],
      ]);
      expect(got[0]?.message).toEqual(tagged.message);
      expect(got[0]?.message).not.toHaveProperty('requestId');
    });

    test('an entry carries the traceparent its append was given, with or without a request id', async () => {
      fresh();
      const b = bus();
      const c = consumer('a');
      await c.ensureGroups();
      const traceparent = `00-${'4bf92f3577b34da6a3ce929d0e0e4736'}-${'00f067aa0ba902b7'}-01`;
      const both = await b.append({ ...input('c-1', 'both'), requestId: 'req-8', traceparent });
      const traced = await b.append({ ...input('c-1', 'traced'), traceparent });
      const plain = await b.append(input('c-1', 'plain'));
      const got = await take(c, 3);
      expect(got.map((d) => [d.message?.id, d.requestId, d.traceparent])).toEqual([
        [both.message.id, 'req-8', traceparent],
        [traced.message.id, undefined, traceparent],
        [plain.message.id, undefined, undefined],
      ]);
      expect(got[0]?.message).toEqual(both.message);
      expect(got[0]?.message).not.toHaveProperty('traceparent');
    });

    test('members split the partitions, each entry is read once, and stays pending until acked', async () => {
      fresh();
      const b = bus();
      const [a, z] = [consumer('a'), consumer('z')];
      await a.ensureGroups();
      // Both read until the split has settled: every partition held by exactly one of them.
      await eventually('the partitions to be split', async () => {
        await Promise.all([a.next(), z.next()]);
        const [ownedA, ownedZ] = [a.owned(), z.owned()];
        const all = [...ownedA, ...ownedZ].sort((x, y) => x - y);
        return ownedA.length > 0 && ownedZ.length > 0 && all.join() === '0,1,2,3,4,5,6,7';
      });
      const appended = [];
      for (let i = 1; i <= 20; i++) {
        appended.push((await b.append(input(`c-${i}`, `m-${i}`))).message);
      }
      const got: [StreamDelivery, RedisConsumer][] = [];
      for (let i = 0; i < 100 && got.length < 20; i++) {
        const [fromA, fromZ] = await Promise.all([a.next(), z.next()]);
        got.push(...fromA.map((d): [StreamDelivery, RedisConsumer] => [d, a]));
        got.push(...fromZ.map((d): [StreamDelivery, RedisConsumer] => [d, z]));
      }
      expect(got).toHaveLength(20);
      const messages = got.map(([d]) => d.message);
      expect(messages.sort((x, y) => (x?.id ?? '').localeCompare(y?.id ?? ''))).toEqual(
        appended.sort((x, y) => x.id.localeCompare(y.id)),
      );
      // Each one came from the member holding its partition.
      for (const [d, from] of got) {
        const p = partitionOf(layout, d.message?.conversationId ?? '');
        expect(from.owned()).toContain(p);
        expect(d.stream).toBe(
          conversationKeys(layout, d.message?.conversationId ?? '').partition.stream,
        );
      }
      expect(await groupStatus(admin.commands, layout, group)).toMatchObject({
        lag: 0,
        pending: 20,
      });
      await a.ack(got.filter(([, from]) => from === a).map(([d]) => d));
      await z.ack(got.filter(([, from]) => from === z).map(([d]) => d));
      expect((await groupStatus(admin.commands, layout, group)).pending).toBe(0);
    });

    test('a member that leaves hands its partitions over, and what it left pending is claimed at once', async () => {
      fresh();
      const b = bus();
      const leaving = consumer('leaving');
      await leaving.ensureGroups();
      await leaving.next();
      expect(leaving.owned()).toHaveLength(PARTITIONS);
      for (let i = 1; i <= 7; i++) await b.append(input('c-1', `m-${i}`));
      const lost = await take(leaving, 7);
      await leaving.close(); // read, never acked: it stopped mid-batch

      const heir = consumer('heir');
      const claimed = await take(heir, 7);
      expect(claimed.map((d) => d.id)).toEqual(lost.map((d) => d.id));
      expect(claimed.map((d) => d.message?.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      await heir.ack(claimed);
      expect(await groupStatus(admin.commands, layout, group)).toMatchObject({
        lag: 0,
        pending: 0,
      });
      // The one that left has nothing pending now, and is pruned once idle long enough.
      expect(await pruneConsumers(admin.commands, layout, group, 60_000)).toBe(0);
      expect(await pruneConsumers(admin.commands, layout, group, -1)).toBeGreaterThanOrEqual(1);
    });

    test('a member that stops renewing loses its partitions once its lease lapses', async () => {
      fresh();
      const dying = openRedis(redis.settings(prefix, { partitions: PARTITIONS }), 'dying');
      const errors: unknown[] = [];
      const leases = (name: string, on: RedisContext) =>
        createPartitionLeases(on, {
          group,
          member: name,
          leaseMs: LEASE_MS,
          onError: (error) => errors.push(error),
          onChange: () => {},
        });
      const first = leases('first', dying);
      await first.started;
      expect(first.owned().size).toBe(PARTITIONS);
      // Its connection goes, as when its process is killed: no release, no more renewals.
      dying.commands.disconnect();
      const second = leases('second', context('second'));
      closing.push(second);
      await eventually('the leases to lapse', () => second.owned().size === PARTITIONS);
      await first.close().catch(() => {});
    });

    test('an idle member sleeps until an append rings its partition bell', async () => {
      fresh();
      const b = bus();
      // Without the bell it would wait 10 s and answer nothing; sweeps are an hour apart.
      const c = consumer('sleeper', { blockMs: 10_000, sweepMs: 3_600_000 });
      await c.ensureGroups();
      await c.next(); // takes its partitions and finds them empty: all asleep now
      const reading = c.next();
      const { message } = await b.append(input('c-1', 'wake'));
      const got = await reading;
      expect(got.map((d) => d.message?.id)).toEqual([message.id]);
    });

    test('lag counts what no consumer has been given yet', async () => {
      fresh();
      const b = bus();
      const c = consumer('a');
      await c.ensureGroups();
      for (let i = 1; i <= 5; i++) await b.append(input(`c-${i}`, `m-${i}`));
      expect((await groupStatus(admin.commands, layout, group)).lag).toBe(5);
      const got = await take(c, 5);
      expect(await groupStatus(admin.commands, layout, group)).toMatchObject({
        lag: 0,
        pending: 5,
      });
      await c.ack(got);
    });

    test('the unpersisted reader finds a seq range of one conversation in its partition stream', async () => {
      fresh();
      const b = bus();
      for (let i = 1; i <= 12; i++) {
        await b.append(input('c-1', `a-${i}`));
        await b.append(input('c-2', `b-${i}`));
      }
      const reader = createRedisUnpersisted(admin);
      const range = await reader.range('org-1', 'c-1', 4, 9);
      expect(range.map((m) => [m.conversationId, m.seq, m.body])).toEqual(
        [4, 5, 6, 7, 8, 9].map((seq) => ['c-1', seq, `body of a-${seq}`]),
      );
      expect(await reader.range('org-2', 'c-1', 1, 12)).toEqual([]);
      expect(await reader.range('org-1', 'c-3', 1, 3)).toEqual([]);
      // A scan that stops early gives what it saw of the newest entries: never a wrong message.
      const short = createRedisUnpersisted(admin, { scanLimit: 4 });
      const seqs = (await short.range('org-1', 'c-1', 1, 12)).map((m) => m.seq);
      expect(seqs.length).toBeGreaterThanOrEqual(1);
      expect(seqs.length).toBeLessThanOrEqual(4);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 13 - seqs.length + i));
    });
  });
}
