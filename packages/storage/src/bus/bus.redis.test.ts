import { afterEach, describe, expect, test } from 'bun:test';
import type { Message, MessageInput, Topic } from '@flc/core';
import { channelOf, conversationKeys, defaultLayout } from '../redis/layout.ts';
import { openRedis, type RedisContext, type RedisSettings } from '../redis/server.ts';
import { freshPrefix, killClients, redisTestServers } from '../testing/redis-servers.ts';
import { createRedisBus, type RedisBus, type RedisBusOptions } from './redis-bus.ts';
import { listen } from './testing.ts';

const org = 'org-1';
const conversation = (conversationId: string) =>
  ({ kind: 'conversation', organizationId: org, conversationId }) satisfies Topic;
const input = (conversationId: string, cid: string): MessageInput => ({
  organizationId: org,
  conversationId,
  cid,
  sender: { type: 'agent', id: 'agent-1' },
  body: `body of ${cid}`,
});

const file = {
  id: 'file-1',
  fileName: 'receipt.pdf',
  contentType: 'application/pdf',
  size: 2048,
  image: false,
  url: '/v1/attachments/file-1?exp=1&sig=s',
};

for (const redis of redisTestServers()) {
  describe(`redis bus across nodes (${redis.name})`, () => {
    let prefix = '';
    const open: { bus: RedisBus; context: RedisContext }[] = [];
    /** A node of the current test: every node of one test shares its key prefix. */
    const node = (options: RedisBusOptions = {}, settings: Partial<RedisSettings> = {}) => {
      prefix ||= freshPrefix();
      const context = openRedis(redis.settings(prefix, settings), `node-${open.length}`);
      const bus = createRedisBus(context, options);
      open.push({ bus, context });
      return bus;
    };
    afterEach(async () => {
      for (const { bus, context } of open.splice(0)) {
        await bus.close();
        await context.close();
      }
      if (prefix) await redis.drop(prefix);
      prefix = '';
    });

    test('a message appended on one node reaches a subscriber on another', async () => {
      const [a, b] = [node(), node()];
      const onB = await listen(b, conversation('c-1'));
      const { message } = await a.append(input('c-1', 'cid-1'));
      const [event] = await onB.take(1);
      expect(event?.type === 'message' && event.message).toEqual(message);
      expect(await b.headSeq('c-1')).toBe(1);
    });

    test('a node receives only the topics it follows', async () => {
      const [a, b] = [node(), node()];
      const followed = await listen(b, conversation('followed'));
      for (let i = 0; i < 20; i++) {
        await a.append(input(`elsewhere-${i}`, 'cid'));
        await a.signal(conversation(`elsewhere-${i}`), '{"t":"typing"}');
      }
      await a.signal({ kind: 'organization', organizationId: 'another-org' }, '{"t":"presence"}');
      expect(b.stats().received).toBe(0);
      await a.append(input('followed', 'cid'));
      await followed.take(1);
      expect(b.stats()).toMatchObject({ received: 1, topics: 1 });
      // Redis itself routes by interest: only b's link is subscribed to the followed channel.
      const admins = redis.admins();
      try {
        const counts = await Promise.all(
          admins.map((admin) =>
            admin.call(
              'PUBSUB',
              'SHARDNUMSUB',
              channelOf({ ...defaultLayout, prefix }, conversation('followed')),
            ),
          ),
        );
        const total = counts.reduce<number>(
          (sum, reply) => sum + Number((reply as unknown[])[1]),
          0,
        );
        expect(total).toBe(1);
      } finally {
        for (const admin of admins) admin.disconnect();
      }
    });

    test("this node's followers get what it appends at once, and the channel's copies are skipped", async () => {
      // Its subscriber is killed below: its reconnect errors are expected.
      const [a, b] = [node({ onError: () => {} }), node()];
      const onA = await listen(a, conversation('c-1'));
      await a.append(input('c-1', 'cid-1'));
      await onA.take(1);
      expect(await killClients(redis, `${prefix}:node-0:bus:`)).toBeGreaterThan(0);
      // With a's subscriber away, only the hand-over on append can deliver these.
      for (let i = 2; i <= 5; i++) {
        await a.append(input('c-1', `cid-${i}`));
        expect(onA.events.length).toBe(i);
      }
      // Appended on b while a may still be away: it reaches a on its channel, or is filled from
      // the stream once a has subscribed again.
      await b.append(input('c-1', 'cid-6'));
      const seqs = (await onA.take(6, 5_000)).map((e) => e.type === 'message' && e.message.seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
      await a.append(input('c-1', 'cid-7'));
      expect((await onA.take(7)).length).toBe(7);
      expect(onA.events.length).toBe(7);
    });

    test('two nodes appending to one conversation: each follower gets every seq once, in order', async () => {
      const [a, b] = [node(), node()];
      const onA = await listen(a, conversation('c-1'));
      const onB = await listen(b, conversation('c-1'));
      const sends = Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? a : b).append(input('c-1', `cid-${i}`)),
      );
      await Promise.all(sends);
      const expected = Array.from({ length: 200 }, (_, i) => i + 1);
      for (const inbox of [onA, onB]) {
        const seqs = (await inbox.take(200)).map((e) => e.type === 'message' && e.message.seq);
        expect(seqs).toEqual(expected);
      }
      // Nothing more comes: one more message is the 201st event on each side.
      await a.append(input('c-1', 'last'));
      expect((await onA.take(201)).length).toBe(201);
      expect((await onB.take(201)).length).toBe(201);
      expect([onA.events.length, onB.events.length]).toEqual([201, 201]);
    });

    test('signals cross both ways, on conversation and organization topics', async () => {
      const [a, b] = [node(), node()];
      const inbox: Topic = { kind: 'organization', organizationId: org };
      const onA = await listen(a, conversation('c-1'));
      const onB = await listen(b, inbox);
      await b.signal(conversation('c-1'), '{"t":"typing","on":true}');
      await a.signal(inbox, '{"t":"presence"}');
      expect((await onA.take(1))[0]).toMatchObject({
        type: 'signal',
        frame: '{"t":"typing","on":true}',
      });
      expect((await onB.take(1))[0]).toEqual({
        type: 'signal',
        topic: inbox,
        frame: '{"t":"presence"}',
      });
    });

    test('cid idempotency holds across nodes', async () => {
      const [a, b] = [node(), node()];
      const first = await a.append(input('c-1', 'same'));
      const again = await b.append(input('c-1', 'same'));
      expect(again).toEqual({ message: first.message, duplicate: true });
    });

    test('an event appended right after subscribe resolves is never missed', async () => {
      const [a, b] = [node(), node()];
      for (let i = 0; i < 50; i++) {
        // A new conversation each time, so many of them land on a partition new to node b.
        const topic = conversation(`c-${i}`);
        const onB = await listen(b, topic);
        await a.append(input(topic.conversationId, 'cid'));
        await onB.take(1, 2_000);
        onB.unsubscribe();
      }
    });

    test('after its subscriber was cut off, a node fills what it missed from the stream, in order', async () => {
      // The kill shows up as connection errors, which are expected here.
      const [a, b] = [node(), node({ onError: () => {} })];
      const onB = await listen(b, conversation('c-1'));
      const inbox = await listen(b, { kind: 'organization', organizationId: org });
      await a.append(input('c-1', 'cid-1'));
      await onB.take(1);
      expect(await killClients(redis, `${prefix}:node-1:bus:`)).toBeGreaterThan(0);
      // Appended while b's subscriber is down or subscribing again.
      await a.append(input('c-1', 'cid-2'));
      await a.append(input('c-1', 'cid-3'));
      const events = await onB.take(3, 5_000);
      expect(events.map((e) => e.type === 'message' && e.message.seq)).toEqual([1, 2, 3]);
      // An organization's signals are kept nowhere: its listeners are told to catch up.
      expect((await inbox.take(1, 5_000))[0]).toEqual({
        type: 'reset',
        topic: { kind: 'organization', organizationId: org },
      });
      await a.append(input('c-1', 'cid-4'));
      expect((await onB.take(4)).map((e) => e.type === 'message' && e.message.seq)).toEqual([
        1, 2, 3, 4,
      ]);
    });

    test('a gap the stream no longer holds is announced with a reset', async () => {
      const b = node({ onError: () => {} }, { partitions: 1 });
      const onB = await listen(b, conversation('c-1'));
      const context = openRedis(redis.settings(prefix, { partitions: 1 }), 'writer');
      try {
        const writer = createRedisBus(context);
        await writer.append(input('c-1', 'cid-1'));
        await onB.take(1);
        // Seq 2 is numbered without a publication, as if it had been missed, and the stream
        // that held it is gone: nothing can fill it.
        await context.commands.incr(conversationKeys(context.layout, 'c-1').seq);
        await context.commands.del(conversationKeys(context.layout, 'c-1').partition.stream);
        await writer.append(input('c-1', 'cid-3'));
        const events = await onB.take(3);
        expect(events.map((e) => (e.type === 'message' ? e.seq : e.type))).toEqual([1, 'reset', 3]);
        await writer.close();
      } finally {
        await context.close();
      }
    });

    test('close returns promptly', async () => {
      const bus = node();
      await listen(bus, conversation('c-1'));
      await bus.append(input('c-1', 'cid-1'));
      const started = performance.now();
      const [entry] = open.splice(-1);
      await entry?.bus.close();
      await entry?.context.close();
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    test('partition streams stay near maxLen', async () => {
      const bus = node({ maxLen: 100 }, { partitions: 1 });
      await Promise.all(Array.from({ length: 1_000 }, (_, i) => bus.append(input('c-1', `${i}`))));
      const context = openRedis(redis.settings(prefix, { partitions: 1 }), 'admin');
      try {
        // MAXLEN ~ trims whole macro nodes, so the length is near the cap, never the full 1,000.
        const { stream } = conversationKeys(context.layout, 'c-1').partition;
        expect(await context.commands.xlen(stream)).toBeLessThan(300);
      } finally {
        await context.close();
      }
    });

    test("erase deletes the conversations' stream entries, cids and counters, and nothing else", async () => {
      // One partition: the erased and the kept conversation share a stream, over several pages.
      const bus = node({}, { partitions: 1 });
      for (let i = 0; i < 1_200; i++) await bus.append(input(i % 2 ? 'c-gone' : 'c-kept', `${i}`));
      await bus.append(input('c-gone-2', 'x'));
      const context = openRedis(redis.settings(prefix, { partitions: 1 }), 'admin');
      try {
        const { commands, layout } = context;
        const gone = conversationKeys(layout, 'c-gone');
        const { stream } = gone.partition;
        expect(await commands.xlen(stream)).toBe(1_201);
        await bus.erase(['c-gone', 'c-gone-2']);
        const left = await commands.xrange(stream, '-', '+');
        expect(left).toHaveLength(600);
        expect(left.every(([, f]) => f[1] === 'c:c-kept')).toBe(true);
        expect(left.some(([, f]) => String(f[5]).includes('body of 1"'))).toBe(false);
        expect(await commands.exists(gone.seq, gone.visible, ...gone.cids)).toBe(0);
        expect(await bus.headSeq('c-kept')).toBe(600);
      } finally {
        await context.close();
      }
    });

    test("a changed message's old body leaves the stream and the cid's answer", async () => {
      const bus = node({}, { partitions: 1 });
      const [, second] = [
        await bus.append(input('c-1', 'a')),
        await bus.append({ ...input('c-1', 'b'), attachments: [file] }),
        await bus.append(input('c-1', 'c')),
      ];
      expect(second?.message.attachments).toEqual([file]);
      const deleted = {
        ...(second?.message as Message),
        body: '',
        deletedAt: new Date().toISOString(),
      };
      await bus.changed(deleted);
      const context = openRedis(redis.settings(prefix, { partitions: 1 }), 'admin');
      try {
        const { stream } = conversationKeys(context.layout, 'c-1').partition;
        const frames = (await context.commands.xrange(stream, '-', '+')).map(([, f]) =>
          String(f[5]),
        );
        expect(frames.map((f) => JSON.parse(f).seq)).toEqual([1, 3]);
        expect(frames.join('')).not.toContain('body of b');
      } finally {
        await context.close();
      }
      // A retry of its cid is answered with the message as it is now.
      const retried = await bus.append(input('c-1', 'b'));
      expect(retried.duplicate).toBe(true);
      expect(retried.message).toMatchObject({ seq: 2, body: '' });
      expect(retried.message).not.toHaveProperty('attachments');
    });

    // The single test server has no replica: this one runs on the cluster only.
    if (redis.name === 'redis-cluster')
      test('with replica acks, an append is acknowledged once a replica holds it', async () => {
        const bus = node({}, { ackReplicas: 1, ackTimeoutMs: 2_000 });
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => bus.append(input(`c-${i % 5}`, `cid-${i}`))),
        );
        expect(results.every((r) => !r.duplicate)).toBe(true);
        const strict = node({}, { ackReplicas: 2, ackTimeoutMs: 100 });
        // Each master has one replica: asking for two cannot be met, and the send fails.
        await expect(strict.append(input('c-1', 'two-replicas'))).rejects.toThrow(
          /1 of 2 replicas/,
        );
        // The message is there all the same; a retry of its cid gets it, still waiting for two.
        expect(await bus.headSeq('c-1')).toBe(11);
      });
  });
}
