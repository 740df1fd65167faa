import { afterEach, describe, expect, test } from 'bun:test';
import type { Message, MessageInput } from '@flc/core';
import { Redis } from 'ioredis';
import { conversationKeys } from '../redis/layout.ts';
import { openRedis, type RedisContext } from '../redis/server.ts';
import { keySlot } from '../redis/slot.ts';
import {
  clusterNodes,
  formatAddress,
  masterOf,
  masters,
  migrateSlot,
} from '../testing/redis-cluster.ts';
import { clusterRedis, freshPrefix } from '../testing/redis-servers.ts';
import { createRedisBus } from './redis-bus.ts';
import { createRedisConsumer, type StreamDelivery } from './redis-consumer.ts';
import { listen } from './testing.ts';

// Adding a master to a Redis Cluster moves slots to it while the platform runs. Here one
// partition's slot moves to another master under appends: the follower on another node gets
// every seq once, in order, and the persisters' group reads every entry.
const redis = clusterRedis();

const input = (cid: string): MessageInput => ({
  organizationId: 'org-1',
  conversationId: 'moving',
  cid,
  sender: { type: 'visitor', id: 'v-1' },
  body: `body of ${cid}`,
});

describe.skipIf(!redis)('a partition moving to another master (redis-cluster)', () => {
  const closing: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of closing.splice(0).reverse()) await c.close();
  });

  test('the slot computed here is the one the cluster computes', async () => {
    if (!redis) throw new Error('unreachable');
    const [node] = clusterNodes();
    const admin = new Redis({ host: node?.host, port: node?.port });
    try {
      const names = [
        'flc:{c17}:seq:x',
        'no-tag',
        '{}{a}',
        'a{b}c{d}',
        'ü{é}',
        '{user1000}.following',
      ];
      for (let i = 0; i < 50; i++) names.push(`key-${i}-${crypto.randomUUID()}`);
      for (const name of names) {
        expect(keySlot(name)).toBe(Number(await admin.cluster('KEYSLOT', name)));
      }
    } finally {
      admin.disconnect();
    }
  });

  test('appends, live delivery and the consumer group carry on across the move', async () => {
    if (!redis) throw new Error('unreachable');
    const nodes = clusterNodes();
    const prefix = freshPrefix();
    const open = (name: string): RedisContext => {
      const context = openRedis(redis.settings(prefix), name);
      closing.push(context);
      return context;
    };
    const [a, b] = [open('a'), open('b')];
    // The move makes the follower's link drop its subscription: reported, then mended.
    const onError = () => {};
    const writer = createRedisBus(a, { onError });
    const follower = createRedisBus(b, { onError });
    closing.push(writer, follower);
    const consumer = createRedisConsumer(open('c'), { consumer: 'c', blockMs: 100, onError });
    closing.push(consumer);
    await consumer.ensureGroups();
    const inbox = await listen(follower, {
      kind: 'conversation',
      organizationId: 'org-1',
      conversationId: 'moving',
    });
    const keys = conversationKeys(a.layout, 'moving');
    const slot = keySlot(keys.seq);
    const from = await masterOf(nodes, keys.seq);
    const to = (await masters(nodes)).find((m) => formatAddress(m) !== formatAddress(from));
    if (!to) throw new Error('a cluster of one master');

    const total = 200;
    const sent: Message[] = [];
    /** Sends as a client does: a failed append is sent again with its cid until acked. */
    const send = async (cid: string) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          return (await writer.append(input(cid))).message;
        } catch {
          await Bun.sleep(50); // a client's retry delay, not a wait for an event
        }
      }
      throw new Error(`${cid} never acked`);
    };
    let moved: Promise<void> | undefined;
    for (let i = 1; i <= total; i++) {
      sent.push(await send(`m-${i}`));
      if (i === 50) moved = migrateSlot(nodes, slot, to);
    }
    await moved;
    expect(await masterOf(nodes, keys.seq)).toEqual(to);
    expect(sent.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    const events = await inbox.take(total, 20_000);
    expect(events.map((e) => (e.type === 'message' ? e.seq : e.type))).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    const read: StreamDelivery[] = [];
    for (let i = 0; i < 200 && read.length < total; i++) {
      const batch = await consumer.next();
      read.push(...batch);
      await consumer.ack(batch);
    }
    expect(new Set(read.map((d) => d.message?.seq)).size).toBe(total);
    console.log('[resharding] follower', JSON.stringify(follower.stats()));
    // Back where it was, for the suites after this one.
    await migrateSlot(nodes, slot, from);
    await redis.drop(prefix);
  }, 60_000);
});
