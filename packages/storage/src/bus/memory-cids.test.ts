import { afterEach, describe, expect, test } from 'bun:test';
import type { Message, MessageInput } from '@flc/core';
import { createMemoryBus, type MemoryBus } from './memory.ts';

const org = 'org-1';
const input = (conversationId: string, cid: string): MessageInput => ({
  organizationId: org,
  conversationId,
  cid,
  sender: { type: 'visitor', id: 'visitor-1', name: 'Ada' },
  body: `body of ${cid}`,
});

/** The store as write-through leaves it, and every cid the bus asked it for. */
function storeFake(stored: Message[] = []) {
  const asked: string[] = [];
  return {
    stored,
    asked,
    initialSeq: async (conversationId: string) =>
      stored.filter((m) => m.conversationId === conversationId).length,
    storedByCid: async (organizationId: string, conversationId: string, cid: string) => {
      asked.push(cid);
      return (
        stored.find(
          (m) =>
            m.organizationId === organizationId &&
            m.conversationId === conversationId &&
            m.cid === cid,
        ) ?? null
      );
    },
  };
}

describe('memory bus cids', () => {
  const buses: MemoryBus[] = [];
  const open = (store: ReturnType<typeof storeFake>, cidCapacity: number) => {
    const bus = createMemoryBus({ ...store, cidCapacity });
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  /** Appends and stores, as the write-through path does. */
  const send = async (bus: MemoryBus, store: ReturnType<typeof storeFake>, m: MessageInput) => {
    const result = await bus.append(m);
    if (!result.duplicate) store.stored.push(result.message);
    bus.persisted(result.message);
    return result;
  };

  test('a new conversation asks the store for retries only while none of its cids was evicted', async () => {
    const store = storeFake();
    const bus = open(store, 100);
    for (let i = 0; i < 20; i++) await send(bus, store, input('c-1', `cid-${i}`));
    expect(store.asked).toEqual([]);
    // Stored, the entry keeps no body: the retry's answer reads it from the store.
    const again = await send(bus, store, { ...input('c-1', 'cid-3'), body: 'edited' });
    expect(again).toEqual({ duplicate: true, message: store.stored[3] as Message });
    expect(store.asked).toEqual(['cid-3']);
  });

  test("erase forgets the conversations' cids with their bodies and their counters, and no other's", async () => {
    const bus = createMemoryBus({ cidCapacity: 100 });
    buses.push(bus);
    await bus.append(input('c-gone', 'cid-1'));
    await bus.append(input('c-kept', 'cid-1'));
    await bus.erase(['c-gone']);
    // Nothing of it is held: the same cid is a new message, counted from the start again.
    const again = await bus.append({ ...input('c-gone', 'cid-1'), body: 'new' });
    expect(again.duplicate).toBe(false);
    expect(again.message).toMatchObject({ seq: 1, body: 'new' });
    expect((await bus.append(input('c-kept', 'cid-1'))).duplicate).toBe(true);
  });

  test('a send retried after its cid was evicted gets the stored first message', async () => {
    const store = storeFake();
    const bus = open(store, 2);
    const first = await send(bus, store, input('c-1', 'cid-1'));
    for (let i = 2; i <= 5; i++) await send(bus, store, input('c-1', `cid-${i}`));
    // New cids were never evicted: the bus knows it without asking.
    expect(store.asked).toEqual([]);
    const retried = await send(bus, store, input('c-1', 'cid-1'));
    expect(retried).toEqual({ duplicate: true, message: first.message });
    expect(store.asked).toEqual(['cid-1']);
    // Found once, it is held again, a second retry asks for its body only.
    expect((await send(bus, store, input('c-1', 'cid-1'))).duplicate).toBe(true);
    expect(store.asked).toEqual(['cid-1', 'cid-1']);
    expect(store.stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    // Another conversation of the same bus lost nothing: it still skips the store.
    await send(bus, store, input('c-2', 'cid-1'));
    expect(store.asked).toHaveLength(2);
  });

  test('a cid evicted before it was stored still answers its retry', async () => {
    const store = storeFake();
    const bus = open(store, 1);
    const first = await bus.append(input('c-1', 'cid-1')); // the write is still under way
    await send(bus, store, input('c-1', 'cid-2'));
    await send(bus, store, input('c-1', 'cid-3'));
    const retried = await bus.append(input('c-1', 'cid-1'));
    expect(retried).toMatchObject({ duplicate: true, message: { id: first.message.id, seq: 1 } });
    expect(await bus.headSeq('c-1')).toBe(3);
  });

  test('after a restart on the same data a retried cid gets its first message', async () => {
    const store = storeFake();
    const before = open(store, 100);
    const firsts = [];
    for (let i = 1; i <= 3; i++)
      firsts.push((await send(before, store, input('c-1', `c${i}`))).message);
    await before.close();
    const after = open(store, 100);
    store.asked.length = 0;
    const inbox: number[] = [];
    await after.subscribe(
      { kind: 'conversation', organizationId: org, conversationId: 'c-1' },
      (e) => {
        if (e.type === 'message') inbox.push(e.seq);
      },
    );
    expect(await send(after, store, input('c-1', 'c2'))).toEqual({
      duplicate: true,
      message: firsts[1] as Message,
    });
    const next = await send(after, store, input('c-1', 'c4'));
    expect(next).toMatchObject({ duplicate: false, message: { seq: 4 } });
    await after.append(input('c-1', 'c4'));
    expect(store.stored.map((m) => m.cid)).toEqual(['c1', 'c2', 'c3', 'c4']);
    // A conversation with stored messages from before the restart asks for every cid it lacks.
    expect(store.asked).toEqual(['c2', 'c4', 'c4']);
    await Promise.resolve();
    expect(inbox).toEqual([4]);
  });
});
