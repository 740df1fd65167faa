import { afterEach, describe, expect, test } from 'bun:test';
import type { Bus, MessageInput, Topic } from '@flc/core';
import { Redis } from 'ioredis';
import { serviceUrl } from '../testing/services.ts';
import { createRedisBus, type RedisBusOptions } from './redis-streams.ts';
import { dropKeys, listen } from './testing.ts';

const url = serviceUrl('redis');
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

describe.skipIf(!url)('redis bus across nodes', () => {
  const redisUrl = url ?? '';
  let prefix = '';
  const open: Bus[] = [];
  /** A node of the current test: every node of one test shares its key prefix. */
  const node = (options: Partial<RedisBusOptions> = {}) => {
    prefix ||= `flc-test-${crypto.randomUUID()}`;
    const bus = createRedisBus({ url: redisUrl, prefix, ...options });
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
    if (prefix) await dropKeys(redisUrl, prefix);
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

  test("this node's followers get what it appends at once, and the stream's copies are skipped", async () => {
    // The reader's connection is killed below: its reconnect errors are expected.
    const [a, b] = [node({ onError: () => {} }), node()];
    const onA = await listen(a, conversation('c-1'));
    await a.append(input('c-1', 'cid-1'));
    // The first one comes from the stream: until then the followers' last seq is unknown.
    await onA.take(1);
    const admin = new Redis(redisUrl);
    try {
      const clients = String(await admin.client('LIST')).split('\n');
      const reader = clients.find((c) => c.includes(` name=${prefix}:bus-reader `));
      await admin.client('KILL', 'ID', reader?.match(/^id=(\d+) /)?.[1] ?? '');
    } finally {
      admin.disconnect();
    }
    // With a's stream reader away, only the hand-over on append can deliver these.
    for (let i = 2; i <= 5; i++) {
      await a.append(input('c-1', `cid-${i}`));
      expect(onA.events.length).toBe(i);
    }
    // Appended on b, it reaches a through the stream, behind the stream's copies of 2..5.
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
      // A new conversation each time, so many of them land on a shard new to node b.
      const topic = conversation(`c-${i}`);
      const onB = await listen(b, topic);
      await a.append(input(topic.conversationId, 'cid'));
      await onB.take(1, 2_000);
      onB.unsubscribe();
    }
  });

  test('the reader resumes after its connection is killed, without losing entries', async () => {
    // The kill shows up as connection errors, which are expected here.
    const [a, b] = [node(), node({ onError: () => {} })];
    const onB = await listen(b, conversation('c-1'));
    await a.append(input('c-1', 'cid-1'));
    await onB.take(1);
    const admin = new Redis(redisUrl);
    // Both nodes' readers carry the prefix's name: kill both.
    const readerIds = async () => {
      const clients = String(await admin.client('LIST')).split('\n');
      const readers = clients.filter((c) => c.includes(` name=${prefix}:bus-reader `));
      return readers.map((c) => c.match(/^id=(\d+) /)?.[1] ?? '');
    };
    try {
      const killed = await readerIds();
      expect(killed).toHaveLength(2);
      for (const id of killed) await admin.client('KILL', 'ID', id);
      // Appended while the reader is down or reconnecting: read from the last id seen.
      await a.append(input('c-1', 'cid-2'));
      await a.append(input('c-1', 'cid-3'));
      const events = await onB.take(3, 5_000);
      expect(events.map((e) => e.type === 'message' && e.message.seq)).toEqual([1, 2, 3]);
      const now = await readerIds();
      expect(now.filter((id) => killed.includes(id))).toEqual([]);
    } finally {
      admin.disconnect();
    }
  });

  test('close returns promptly while the reader is blocked', async () => {
    const bus = node();
    await listen(bus, conversation('c-1'));
    await bus.append(input('c-1', 'cid-1'));
    open.splice(open.indexOf(bus), 1);
    const started = performance.now();
    await bus.close();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test('shard streams stay near maxLen', async () => {
    const bus = node({ conversationShards: 1, maxLen: 100 });
    await Promise.all(Array.from({ length: 1_000 }, (_, i) => bus.append(input('c-1', `${i}`))));
    const admin = new Redis(redisUrl);
    try {
      // MAXLEN ~ trims whole macro nodes, so the length is near the cap, never the full 1,000.
      expect(await admin.xlen(`${prefix}:c:0`)).toBeLessThan(300);
    } finally {
      admin.disconnect();
    }
  });
});
