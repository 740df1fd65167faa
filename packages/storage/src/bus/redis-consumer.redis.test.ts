import { afterEach, describe, expect, test } from 'bun:test';
import type { Bus, MessageInput } from '@flc/core';
import { Redis } from 'ioredis';
import { serviceUrl } from '../testing/services.ts';
import { createRedisConsumer, type RedisConsumer, type StreamDelivery } from './redis-consumer.ts';
import { ensureGroups, groupStatus, pruneConsumers } from './redis-group.ts';
import { conversationStreams, type KeyLayout } from './redis-keys.ts';
import { createRedisBus } from './redis-streams.ts';
import { createRedisUnpersisted } from './redis-unpersisted.ts';
import { dropKeys } from './testing.ts';

const url = serviceUrl('redis');
const shards = 4;
const group = 'persister';

const input = (conversationId: string, cid: string, organizationId = 'org-1'): MessageInput => ({
  organizationId,
  conversationId,
  cid,
  sender: { type: 'visitor', id: 'contact-1' },
  body: `body of ${cid}`,
});

describe.skipIf(!url)('redis persister consumer group', () => {
  const redisUrl = url ?? '';
  let prefix = '';
  let layout: KeyLayout;
  const closing: { close(): Promise<void> }[] = [];
  let admin: Redis;

  const bus = (): Bus => {
    const b = createRedisBus({ url: redisUrl, prefix, conversationShards: shards });
    closing.push(b);
    return b;
  };
  const consumer = (name: string, claimIdleMs = 30_000): RedisConsumer => {
    const c = createRedisConsumer({
      url: redisUrl,
      prefix,
      conversationShards: shards,
      consumer: name,
      blockMs: 100,
      claimIdleMs,
    });
    closing.push(c);
    return c;
  };
  /** Reads until `n` entries came (each read blocks up to 100 ms); fails after 50 reads. */
  const take = async (c: RedisConsumer, n: number): Promise<StreamDelivery[]> => {
    const got: StreamDelivery[] = [];
    for (let i = 0; i < 50 && got.length < n; i++) got.push(...(await c.next()));
    expect(got).toHaveLength(n);
    return got;
  };

  afterEach(async () => {
    await Promise.all(closing.splice(0).map((c) => c.close()));
    admin?.disconnect();
    await dropKeys(redisUrl, prefix);
  });
  const fresh = () => {
    prefix = `flc-test-${crypto.randomUUID()}`;
    layout = { prefix, conversationShards: shards, organizationShards: 2 };
    admin = new Redis(redisUrl);
  };

  test('the group is created on every shard from the first entry, and creating it again is harmless', async () => {
    fresh();
    // Appended before any persister ran: still read.
    const early = await bus().append(input('c-1', 'early'));
    const c = consumer('a');
    await c.ensureGroups();
    await c.ensureGroups();
    await ensureGroups(admin, layout, group);
    for (const stream of conversationStreams(layout)) {
      const groups = (await admin.xinfo('GROUPS', stream)) as unknown[][];
      expect(groups).toHaveLength(1);
      expect(groups[0]?.[1]).toBe(group);
    }
    expect(await groupStatus(admin, layout, group)).toEqual({ lag: 1, pending: 0, streams: 4 });
    const [first] = await take(c, 1);
    expect(first?.message).toEqual(early.message);
  });

  test('entries are read once across the group, stay pending until acked, and signals come as null', async () => {
    fresh();
    const b = bus();
    const [a, z] = [consumer('a'), consumer('z')];
    await a.ensureGroups();
    const appended = [];
    for (let i = 1; i <= 20; i++)
      appended.push((await b.append(input(`c-${i % 5}`, `m-${i}`))).message);
    await b.signal(
      { kind: 'conversation', organizationId: 'org-1', conversationId: 'c-1' },
      '{"t":"typing"}',
    );
    const got = [...(await a.next()), ...(await z.next())];
    expect(got).toHaveLength(21);
    const messages = got.flatMap((d) => (d.message ? [d.message] : []));
    expect(messages.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      appended.sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect(got.filter((d) => d.message === null)).toHaveLength(1);
    expect(await groupStatus(admin, layout, group)).toEqual({ lag: 0, pending: 21, streams: 4 });
    await a.ack(got.filter((d) => d.message?.conversationId !== 'c-0'));
    expect((await groupStatus(admin, layout, group)).pending).toBe(4);
    await a.ack(got);
    expect((await groupStatus(admin, layout, group)).pending).toBe(0);
    expect(await a.next()).toEqual([]);
  });

  test("a dead consumer's pending entries are claimed by another once idle", async () => {
    fresh();
    const b = bus();
    const dead = consumer('dead');
    await dead.ensureGroups();
    for (let i = 1; i <= 7; i++) await b.append(input('c-1', `m-${i}`));
    const lost = await take(dead, 7);
    await dead.close(); // read, never acked: it "crashed" mid-batch

    const heir = consumer('heir', 50);
    const claimed = await take(heir, 7);
    expect(claimed.map((d) => d.id)).toEqual(lost.map((d) => d.id));
    expect(claimed.map((d) => d.message?.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await heir.ack(claimed);
    expect(await groupStatus(admin, layout, group)).toMatchObject({ lag: 0, pending: 0 });
    // The dead consumer has nothing pending now, and is pruned once idle long enough.
    expect(await pruneConsumers(admin, layout, group, 60_000)).toBe(0);
    expect(await pruneConsumers(admin, layout, group, -1)).toBeGreaterThanOrEqual(1);
  });

  test('lag counts what no consumer has been given yet', async () => {
    fresh();
    const b = bus();
    const c = consumer('a');
    await c.ensureGroups();
    for (let i = 1; i <= 5; i++) await b.append(input(`c-${i}`, `m-${i}`));
    expect((await groupStatus(admin, layout, group)).lag).toBe(5);
    const got = await take(c, 5);
    expect(await groupStatus(admin, layout, group)).toMatchObject({ lag: 0, pending: 5 });
    await c.ack(got);
  });

  test('the unpersisted reader finds a seq range of one conversation on its shard stream', async () => {
    fresh();
    const b = bus();
    for (let i = 1; i <= 12; i++) {
      await b.append(input('c-1', `a-${i}`));
      await b.append(input('c-2', `b-${i}`));
    }
    const reader = createRedisUnpersisted({ url: redisUrl, prefix, conversationShards: shards });
    closing.push(reader);
    const range = await reader.range('org-1', 'c-1', 4, 9);
    expect(range.map((m) => [m.conversationId, m.seq, m.body])).toEqual(
      [4, 5, 6, 7, 8, 9].map((seq) => ['c-1', seq, `body of a-${seq}`]),
    );
    expect(await reader.range('org-2', 'c-1', 1, 12)).toEqual([]);
    expect(await reader.range('org-1', 'c-3', 1, 3)).toEqual([]);
    // A scan that stops early gives what it saw of the newest entries: never a wrong message.
    const short = createRedisUnpersisted({
      url: redisUrl,
      prefix,
      conversationShards: shards,
      scanLimit: 4,
    });
    closing.push(short);
    const seqs = (await short.range('org-1', 'c-1', 1, 12)).map((m) => m.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(2);
    expect(seqs.length).toBeLessThanOrEqual(4);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 13 - seqs.length + i));
  });
});
