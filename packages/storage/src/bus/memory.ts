import {
  type AppendResult,
  type Audience,
  type Bus,
  type BusEvent,
  type BusListener,
  type Message,
  type MessageInput,
  type Topic,
  topicKey,
  uuidv7,
} from '@flc/core';
import { CidCache } from './cid-cache.ts';
import { emit, messageFrameParts, prevPart, reportToConsole } from './frame.ts';

export interface MemoryBusOptions {
  /**
   * The conversation's last stored `seq` (for the `visitor` audience: the last that is not a
   * note), asked once per conversation before its first append (or headSeq), so numbering
   * continues after a restart. Default: 0.
   */
  initialSeq?: (conversationId: string, audience: Audience) => Promise<number>;
  /**
   * The conversation's stored message of a cid, asked for a send whose cid the bus does not hold
   * when it may be a stored one (the conversation had messages before this process saw it, or
   * the cid may have been evicted), and for a retry whose first message the bus keeps without
   * its body (stored, so the store has it). A send retried across a restart or after eviction
   * so gets its first ack instead of a second message. With it, cids evicted before `persisted`
   * was called for them are kept aside until it is. Default: none (an evicted cid is forgotten).
   */
  storedByCid?: (
    organizationId: string,
    conversationId: string,
    cid: string,
  ) => Promise<Message | null>;
  /** How many cids the bus holds across all conversations. Default: 100,000. */
  cidCapacity?: number;
  /** Where a throwing listener is reported. Default: the process log. */
  onError?: (error: unknown) => void;
}

interface Counter {
  /** False when the store held messages (so maybe cids) of it before this process saw it. */
  complete: boolean;
  seq: number;
  /** The last seq that is not a note. */
  visible: number;
}

/** The in-memory bus, which also learns when its messages are stored. */
export interface MemoryBus extends Bus {
  /** The message is stored: once its cid is evicted, the store answers a retry of it. */
  persisted(message: Message): void;
}

/** Compact entries (a few hundred bytes each): a retried send comes soon after the first. */
const CID_CAPACITY = 100_000;

/**
 * The bus of the single-process embedded profile: appends and fan-out stay in memory. Delivery
 * is asynchronous (a microtask after the append), in `seq` order within each conversation.
 */
export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  const { initialSeq, storedByCid, onError = reportToConsole } = options;
  // Counters are never evicted: re-reading the store's head could hand out a seq again while the
  // persister lags. Two numbers per conversation are cheap enough for this profile: the last seq,
  // and the last seq that is not a note (a visitor's head).
  const counters = new Map<string, Counter | Promise<Counter>>();
  const cids = new CidCache(options.cidCapacity ?? CID_CAPACITY, storedByCid !== undefined);
  const listeners = new Map<string, Set<BusListener>>();
  let closed = false;

  function counter(conversationId: string): Counter | Promise<Counter> {
    const known = counters.get(conversationId);
    if (known) return known;
    if (!initialSeq) {
      const fresh = { seq: 0, visible: 0, complete: true };
      counters.set(conversationId, fresh);
      return fresh;
    }
    // Every concurrent first append awaits this one promise, so the store is asked once.
    const loading = Promise.all([
      initialSeq(conversationId, 'team'),
      initialSeq(conversationId, 'visitor'),
    ]).then(([seq, visible]) => {
      // A conversation with stored messages may have stored cids this process never saw.
      const loaded = { seq, visible, complete: seq === 0 };
      counters.set(conversationId, loaded);
      return loaded;
    });
    counters.set(conversationId, loading);
    // A failed load is retried by the next append rather than remembered.
    loading.catch(() => counters.delete(conversationId));
    return loading;
  }

  /**
   * The stored first message of the cid, when the store must be asked (see `storedByCid`); in
   * the common case, a new cid of a conversation this process has seen from its start, it is not.
   */
  async function storedFirst(input: MessageInput, count: Counter): Promise<Message | undefined> {
    if (!storedByCid) return;
    const held = cids.holds(input.conversationId, input.cid);
    if (held === 'with-body') return;
    if (held === 'no' && count.complete && !cids.mayHaveEvicted(input.conversationId, input.cid)) {
      return;
    }
    const stored = await storedByCid(input.organizationId, input.conversationId, input.cid);
    return stored ?? undefined;
  }

  function publish(key: string, event: BusEvent): void {
    // Microtasks run in the order they were queued, so each conversation's events arrive in the
    // order their seqs were assigned. The listener set is read at delivery time, so a listener
    // removed in between gets nothing.
    queueMicrotask(() => {
      const set = listeners.get(key);
      if (set) emit(set, event, onError);
    });
  }

  function assertOpen(): void {
    if (closed) throw new Error('the bus is closed');
  }

  return {
    async changed(message: Message): Promise<void> {
      cids.rewrite(message);
    },

    async erase(conversationIds: readonly string[]): Promise<void> {
      for (const id of conversationIds) counters.delete(id);
      cids.forget(conversationIds);
    },

    async append(input: MessageInput): Promise<AppendResult> {
      assertOpen();
      const count = await counter(input.conversationId);
      const stored = await storedFirst(input, count);
      // From here on nothing awaits: the cid check, the seq and the publish are one atomic step.
      if (stored?.cid !== undefined) {
        if (cids.holds(input.conversationId, input.cid) === 'no') {
          cids.add(stored, stored.cid, true);
        }
        return { message: stored, duplicate: true };
      }
      const first = cids.get(input);
      if (first) return { message: first, duplicate: true };
      count.seq += 1;
      const message: Message = {
        id: uuidv7(),
        organizationId: input.organizationId,
        conversationId: input.conversationId,
        seq: count.seq,
        sender: input.sender,
        body: input.body,
        createdAt: new Date().toISOString(),
        cid: input.cid,
      };
      if (input.attachments) message.attachments = input.attachments;
      if (input.via) message.via = input.via;
      if (input.kind === 'note') {
        message.kind = 'note';
      } else {
        if (count.visible !== count.seq - 1) message.prevSeq = count.visible;
        count.visible = count.seq;
      }
      cids.add(message, input.cid, false);
      const { head, tail } = messageFrameParts(message);
      const topic: Topic = {
        kind: 'conversation',
        organizationId: input.organizationId,
        conversationId: input.conversationId,
      };
      publish(topicKey(topic), {
        type: 'message',
        topic,
        message,
        seq: count.seq,
        frame: head + count.seq + prevPart(message.prevSeq) + tail,
      });
      return { message, duplicate: false };
    },

    async signal(topic: Topic, frame: string): Promise<void> {
      assertOpen();
      publish(topicKey(topic), { type: 'signal', topic, frame });
    },

    async subscribe(topic: Topic, listener: BusListener) {
      assertOpen();
      const key = topicKey(topic);
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(key);
        if (!current?.delete(listener)) return;
        if (current.size === 0) listeners.delete(key);
      };
    },

    async headSeq(conversationId: string, audience: Audience = 'team'): Promise<number> {
      assertOpen();
      const count = await counter(conversationId);
      return audience === 'visitor' ? count.visible : count.seq;
    },

    persisted(message: Message): void {
      cids.persisted(message);
    },

    async close(): Promise<void> {
      closed = true;
      listeners.clear();
    },
  };
}
