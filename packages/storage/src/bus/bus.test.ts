import { afterEach, describe, expect, test } from 'bun:test';
import {
  availabilityMayHaveChanged,
  availabilityTopic,
  type Bus,
  type BusEvent,
  type Message,
  type MessageInput,
  type Topic,
} from '@flc/core';
import { configureLogs } from '@flc/log';
import { type BusOptions, busTargets, listen } from './testing.ts';

const org = 'org-1';
const conversation = (conversationId: string, organizationId = org): Topic => ({
  kind: 'conversation',
  organizationId,
  conversationId,
});
const input = (conversationId: string, cid: string, body = `body of ${cid}`): MessageInput => ({
  organizationId: org,
  conversationId,
  cid,
  sender: { type: 'visitor', id: 'visitor-1', name: 'Ada' },
  body,
});

for (const target of busTargets()) {
  describe(`bus on ${target.name}`, () => {
    const open: Bus[] = [];
    const openBus = (options?: BusOptions, deployment?: string) => {
      const bus = target.open(options, deployment);
      open.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close()));
    });

    test('200 concurrent appends get seqs 1..200, delivered in seq order', async () => {
      const bus = openBus();
      const inbox = await listen(bus, conversation('c-1'));
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => bus.append(input('c-1', `cid-${i}`))),
      );
      const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(results.every((r) => !r.duplicate)).toBe(true);
      const events = await inbox.take(200);
      expect(events.map((e) => (e.type === 'message' ? e.message.seq : -1))).toEqual(
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      expect(await bus.headSeq('c-1')).toBe(200);
    });

    test('a message event carries the message and its frame', async () => {
      const bus = openBus();
      const inbox = await listen(bus, conversation('c-1'));
      const { message } = await bus.append(input('c-1', 'cid-1', 'héllo "there"\n'));
      expect(message).toMatchObject({ organizationId: org, conversationId: 'c-1', seq: 1 });
      expect(message.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(message.createdAt).toISOString()).toBe(message.createdAt);
      const [event] = await inbox.take(1);
      if (event?.type !== 'message') throw new Error(`expected a message, got ${event?.type}`);
      expect(event.message).toEqual(message);
      expect(event.topic).toEqual(conversation('c-1'));
      const { organizationId: _, ...fields } = message;
      expect(event.frame).toBe(JSON.stringify({ t: 'message', ...fields }));
    });

    test("a reply by mail keeps its `via` in the message, its frame and a retry's answer", async () => {
      const bus = openBus();
      const inbox = await listen(bus, conversation('c-1'));
      const { message } = await bus.append({ ...input('c-1', 'mail-1'), via: 'email' });
      expect(message.via).toBe('email');
      const [event] = await inbox.take(1);
      if (event?.type !== 'message') throw new Error(`expected a message, got ${event?.type}`);
      expect(event.message).toEqual(message);
      expect(JSON.parse(event.frame)).toMatchObject({ t: 'message', seq: 1, via: 'email' });
      const again = await bus.append({ ...input('c-1', 'mail-1'), via: 'email' });
      expect(again).toEqual({ message, duplicate: true });
      const plain = await bus.append(input('c-1', 'typed'));
      expect(plain.message).not.toHaveProperty('via');
    });

    test('a repeated cid returns the first message and publishes nothing', async () => {
      const bus = openBus();
      const inbox = await listen(bus, conversation('c-1'));
      const first = await bus.append(input('c-1', 'same', 'first'));
      const again = await bus.append(input('c-1', 'same', 'a retry'));
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ message: first.message, duplicate: true });
      // Delivery is ordered, so once the next message arrives a duplicate would have too.
      const next = await bus.append(input('c-1', 'other'));
      expect(next.message.seq).toBe(2);
      const events = await inbox.take(2);
      expect(events.map((e) => e.type === 'message' && e.message.cid)).toEqual(['same', 'other']);
      expect(inbox.events).toHaveLength(2);
      // Concurrent retries of one cid still make one message.
      const racing = await Promise.all([1, 2, 3].map(() => bus.append(input('c-1', 'race'))));
      expect(racing.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(racing.map((r) => r.message.id)).size).toBe(1);
    });

    test('a conversation remembers at least its last 1,000 cids', async () => {
      const bus = openBus();
      for (let i = 0; i < 1_000; i += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, j) => bus.append(input('c-1', `cid-${i + j}`))),
        );
      }
      await bus.append(input('c-1', 'extra'));
      const retry = await bus.append(input('c-1', 'cid-1'));
      expect(retry.duplicate).toBe(true);
      expect(await bus.headSeq('c-1')).toBe(1_001);
    });

    test('another conversation may reuse a cid', async () => {
      const bus = openBus();
      const a = await bus.append(input('c-1', 'shared'));
      const b = await bus.append(input('c-2', 'shared'));
      expect(b.duplicate).toBe(false);
      expect(b.message.conversationId).toBe('c-2');
      expect(b.message.id).not.toBe(a.message.id);
      expect(b.message.seq).toBe(1);
    });

    test("a conversation's subscriber never gets another's events", async () => {
      const bus = openBus();
      const x = await listen(bus, conversation('c-x'));
      const y = await listen(bus, conversation('c-y'));
      await bus.append(input('c-y', 'y-1'));
      await bus.signal(conversation('c-y'), '{"t":"typing"}');
      await y.take(2);
      await bus.append(input('c-x', 'x-1'));
      await x.take(1);
      expect(x.events.map((e) => e.topic)).toEqual([conversation('c-x')]);
      expect(y.events.map((e) => e.topic)).toEqual([conversation('c-y'), conversation('c-y')]);
    });

    test('organization topics are isolated from each other and from conversations', async () => {
      const bus = openBus();
      const acme: Topic = { kind: 'organization', organizationId: 'acme' };
      const globex: Topic = { kind: 'organization', organizationId: 'globex' };
      const acmeInbox = await listen(bus, acme);
      const globexInbox = await listen(bus, globex);
      await bus.signal(globex, '{"t":"presence","n":1}');
      await bus.append({ ...input('c-1', 'cid-1'), organizationId: 'acme' });
      await globexInbox.take(1);
      await bus.signal(acme, '{"t":"presence","n":2}');
      const [event] = await acmeInbox.take(1);
      expect(event).toEqual({ type: 'signal', topic: acme, frame: '{"t":"presence","n":2}' });
      expect(acmeInbox.events).toHaveLength(1);
      expect(globexInbox.events).toEqual([
        { type: 'signal', topic: globex, frame: '{"t":"presence","n":1}' },
      ]);
    });

    test("an organization's availability topic is its own: not its inbox, not another's", async () => {
      const bus = openBus();
      const acme = availabilityTopic('acme');
      const watching = await listen(bus, acme);
      const inbox = await listen(bus, { kind: 'organization', organizationId: 'acme' });
      const other = await listen(bus, availabilityTopic('globex'));
      await availabilityMayHaveChanged(bus, 'globex');
      await availabilityMayHaveChanged(bus, 'acme');
      expect(await watching.take(1)).toEqual([
        { type: 'signal', topic: acme, frame: '{"t":"availability"}' },
      ]);
      await other.take(1);
      await bus.signal({ kind: 'organization', organizationId: 'acme' }, '{"t":"presence"}');
      await inbox.take(1);
      expect(watching.events).toHaveLength(1);
      expect(inbox.events).toHaveLength(1);
      expect(other.events).toHaveLength(1);
    });

    test('signals reach every subscriber of the topic with the same frame', async () => {
      const bus = openBus();
      const one = await listen(bus, conversation('c-1'));
      const two = await listen(bus, conversation('c-1'));
      await bus.signal(conversation('c-1'), '{"t":"typing","on":true}');
      const expected: BusEvent = {
        type: 'signal',
        topic: conversation('c-1'),
        frame: '{"t":"typing","on":true}',
      };
      expect(await one.take(1)).toEqual([expected]);
      expect(await two.take(1)).toEqual([expected]);
    });

    test('unsubscribe stops delivery to that listener only', async () => {
      const bus = openBus();
      const leaving = await listen(bus, conversation('c-1'));
      const staying = await listen(bus, conversation('c-1'));
      await bus.append(input('c-1', 'cid-1'));
      await leaving.take(1);
      leaving.unsubscribe();
      leaving.unsubscribe(); // twice is harmless
      await bus.append(input('c-1', 'cid-2'));
      await bus.signal(conversation('c-1'), '{"t":"typing"}');
      await staying.take(3);
      expect(leaving.events).toHaveLength(1);
    });

    test('the last unsubscribe of a topic stops it; subscribing again resumes', async () => {
      const bus = openBus();
      const first = await listen(bus, conversation('c-1'));
      first.unsubscribe();
      await bus.append(input('c-1', 'cid-1'));
      const second = await listen(bus, conversation('c-1'));
      await bus.append(input('c-1', 'cid-2'));
      const [event] = await second.take(1);
      expect(event?.type === 'message' && event.message.seq).toBe(2);
      expect(first.events).toEqual([]);
    });

    test('numbering continues from initialSeq', async () => {
      const asked: string[] = [];
      const bus = openBus({
        initialSeq: async (conversationId) => {
          asked.push(conversationId);
          await Promise.resolve();
          return 41;
        },
      });
      expect(await bus.headSeq('c-1')).toBe(41);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => bus.append(input('c-1', `cid-${i}`))),
      );
      expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => 42 + i),
      );
      expect(await bus.headSeq('c-1')).toBe(61);
      expect((await bus.append(input('c-2', 'cid-0'))).message.seq).toBe(42);
      // How often depends on the bus (Redis asks again until its counter exists); whom does not.
      expect(new Set(asked)).toEqual(new Set(['c-1', 'c-2']));
    });

    test("a subscribe's read of the heads serves the conversation's first append", async () => {
      const asked: string[] = [];
      const bus = openBus({
        initialSeq: async (conversationId, audience) => {
          asked.push(`${conversationId}:${audience}`);
          return audience === 'team' ? 7 : 5;
        },
      });
      expect(await bus.headSeq('c-1', 'visitor')).toBe(5);
      const first = await bus.append(input('c-1', 'cid-1'));
      expect(first.message).toMatchObject({ seq: 8, prevSeq: 5 });
      expect(await bus.headSeq('c-1')).toBe(8);
      // Both heads once, for the subscribe; the append did not ask the store again.
      expect(asked.sort()).toEqual(['c-1:team', 'c-1:visitor']);
    });

    test('a send retried across a restart gets its first ack, given the store has it', async () => {
      const deployment = crypto.randomUUID();
      const stored: Message[] = [];
      const before = openBus(undefined, deployment);
      for (let i = 1; i <= 3; i++)
        stored.push((await before.append(input('c-1', `cid-${i}`))).message);
      // The platform restarts: a new bus, the store as the persister left it.
      const after = openBus(
        {
          initialSeq: async () => stored.length,
          storedByCid: async (organizationId, conversationId, cid) =>
            stored.find(
              (m) =>
                m.organizationId === organizationId &&
                m.conversationId === conversationId &&
                m.cid === cid,
            ) ?? null,
        },
        deployment,
      );
      const inbox = await listen(after, conversation('c-1'));
      const retried = await after.append(input('c-1', 'cid-2'));
      expect(retried.duplicate).toBe(true);
      expect(retried.message).toMatchObject({ seq: 2, id: stored[1]?.id });
      const next = await after.append(input('c-1', 'cid-4'));
      expect(next).toMatchObject({ duplicate: false, message: { seq: 4 } });
      expect((await inbox.take(1)).map((e) => e.type === 'message' && e.message.seq)).toEqual([4]);
    });

    test('headSeq is 0 before the first message and follows appends', async () => {
      const bus = openBus();
      expect(await bus.headSeq('c-1')).toBe(0);
      await bus.append(input('c-1', 'cid-1'));
      await bus.append(input('c-1', 'cid-1'));
      await bus.append(input('c-1', 'cid-2'));
      expect(await bus.headSeq('c-1')).toBe(2);
      expect(await bus.headSeq('c-2')).toBe(0);
    });

    test('a throwing listener does not stop the others', async () => {
      const bus = openBus();
      const errors: unknown[] = [];
      configureLogs({ role: 'test', write: (line) => errors.push(JSON.parse(line)) });
      try {
        await bus.subscribe(conversation('c-1'), () => {
          throw new Error('listener bug');
        });
        const inbox = await listen(bus, conversation('c-1'));
        await bus.append(input('c-1', 'cid-1'));
        await bus.append(input('c-1', 'cid-2'));
        await inbox.take(2);
      } finally {
        configureLogs({ role: 'test', level: 'warn' });
      }
      expect(errors).toEqual([
        expect.objectContaining({ level: 'error', component: 'bus' }),
        expect.objectContaining({ level: 'error', component: 'bus' }),
      ]);
    });
  });
}
