import { afterEach, describe, expect, test } from 'bun:test';
import { type Bus, type MessageInput, NOTE_FRAME_PREFIX, type Topic } from '@flc/core';
import { type BusOptions, busTargets, listen } from './testing.ts';

// Notes on every bus: one numbering for notes and messages, `prevSeq` on a message that follows
// notes (given in the same atomic step as its seq), a note's frame told apart by its first bytes,
// and a visitor's head that is the last message that is not a note.
const org = 'org-1';
const topic = (conversationId: string): Topic => ({
  kind: 'conversation',
  organizationId: org,
  conversationId,
});
const input = (conversationId: string, cid: string, note = false): MessageInput => ({
  organizationId: org,
  conversationId,
  cid,
  sender: note ? { type: 'agent', id: 'agent-1', name: 'Grace' } : { type: 'visitor', id: 'v-1' },
  body: `body of ${cid}`,
  ...(note && { kind: 'note' as const }),
});

for (const target of busTargets()) {
  describe(`notes on the ${target.name} bus`, () => {
    const open: Bus[] = [];
    const openBus = (options?: BusOptions, deployment?: string) => {
      const bus = target.open(options, deployment);
      open.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close()));
    });

    test('notes take their seq; the message after them names the one before in prevSeq', async () => {
      const bus = openBus();
      const inbox = await listen(bus, topic('c-1'));
      expect(await bus.headSeq('c-1', 'visitor')).toBe(0);
      const first = await bus.append(input('c-1', 'n-1', true));
      expect(first.message).toMatchObject({ seq: 1, kind: 'note' });
      expect(await bus.headSeq('c-1', 'visitor')).toBe(0);
      const m2 = (await bus.append(input('c-1', 'm-2'))).message;
      const n3 = (await bus.append(input('c-1', 'n-3', true))).message;
      const n4 = (await bus.append(input('c-1', 'n-4', true))).message;
      expect([await bus.headSeq('c-1'), await bus.headSeq('c-1', 'visitor')]).toEqual([4, 2]);
      const m5 = (await bus.append(input('c-1', 'm-5'))).message;
      const m6 = (await bus.append(input('c-1', 'm-6'))).message;
      expect([m2.prevSeq, n3.prevSeq, n4.prevSeq, m5.prevSeq, m6.prevSeq]).toEqual([
        0,
        undefined,
        undefined,
        2,
        undefined,
      ]);
      expect(await bus.headSeq('c-1', 'visitor')).toBe(6);

      const events = await inbox.take(6);
      for (const event of events) {
        if (event.type !== 'message') throw new Error(`expected a message, got ${event.type}`);
        const { organizationId: _, ...fields } = event.message;
        // The frame is the message, keys in the protocol's order: a note's `kind` first.
        const { kind, ...rest } = fields;
        const ordered = kind ? { t: 'message', kind, ...rest } : { t: 'message', ...rest };
        expect(JSON.parse(event.frame)).toEqual(ordered);
        expect(event.frame.startsWith(NOTE_FRAME_PREFIX)).toBe(kind === 'note');
      }
      expect(events.map((e) => e.type === 'message' && e.message.prevSeq)).toEqual([
        undefined,
        0,
        undefined,
        undefined,
        2,
        undefined,
      ]);
    });

    test('a retried note is the first note again', async () => {
      const bus = openBus();
      const first = await bus.append(input('c-1', 'n-1', true));
      const again = await bus.append({ ...input('c-1', 'n-1'), body: 'not a note now' });
      expect(again).toEqual({ duplicate: true, message: first.message });
      const next = await bus.append(input('c-1', 'm-2'));
      expect(next.message).toMatchObject({ seq: 2, prevSeq: 0 });
    });

    test('concurrent notes and messages: every message chains to the message before it', async () => {
      const bus = openBus();
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) => bus.append(input('c-1', `cid-${i}`, i % 3 === 1))),
      );
      const all = results.map((r) => r.message).sort((a, b) => a.seq - b.seq);
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      let before = 0;
      for (const m of all) {
        if (m.kind === 'note') continue;
        expect({ seq: m.seq, before: m.prevSeq ?? m.seq - 1 }).toEqual({ seq: m.seq, before });
        before = m.seq;
      }
      expect(await bus.headSeq('c-1', 'visitor')).toBe(before);
    });

    test('after a restart the chain goes on from the store: its head and its last message', async () => {
      const deployment = crypto.randomUUID();
      // The store holds 1 message, 2 message, 3 note; the bus state is gone (a restart).
      const heads = { team: 3, visitor: 2 };
      const after = openBus({ initialSeq: async (_id, audience) => heads[audience] }, deployment);
      expect(await after.headSeq('c-1', 'visitor')).toBe(2);
      const next = await after.append(input('c-1', 'm-4'));
      expect(next.message).toMatchObject({ seq: 4, prevSeq: 2 });
      expect(await after.headSeq('c-1', 'visitor')).toBe(4);
    });
  });
}
