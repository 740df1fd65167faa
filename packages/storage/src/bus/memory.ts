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
import { emit, messageFrameParts, prevPart, reportToConsole } from './frame.ts';

export interface MemoryBusOptions {
  /**
   * The conversation's last stored `seq` (for the `visitor` audience: the last that is not a
   * note), asked once per conversation before its first append (or headSeq), so numbering
   * continues after a restart. Default: 0.
   */
  initialSeq?: (conversationId: string, audience: Audience) => Promise<number>;
  /**
   * The conversation's newest stored messages, asked when the bus has no cids of it in memory
   * (after a restart, or once its cids were evicted), so a send retried across a restart still
   * gets its first ack instead of a second message. Default: none.
   */
  recentMessages?: (organizationId: string, conversationId: string) => Promise<Message[]>;
  /** Where a throwing listener is reported. Default: console.error. */
  onError?: (error: unknown) => void;
}

interface Counter {
  seq: number;
  /** The last seq that is not a note. */
  visible: number;
}

/** How many recent cids a conversation remembers: a retried send comes soon after the first. */
const CIDS_PER_CONVERSATION = 1_000;
/** How many conversations keep their cids; the least recently appended to forget theirs first. */
const CID_CONVERSATIONS = 10_000;

/**
 * The bus of the single-process embedded profile: appends and fan-out stay in memory. Delivery
 * is asynchronous (a microtask after the append), in `seq` order within each conversation.
 */
export function createMemoryBus(options: MemoryBusOptions = {}): Bus {
  const { initialSeq, recentMessages, onError = reportToConsole } = options;
  // Counters are never evicted: re-reading the store's head could hand out a seq again while the
  // persister lags. Two numbers per conversation are cheap enough for this profile: the last seq,
  // and the last seq that is not a note (a visitor's head).
  const counters = new Map<string, Counter | Promise<Counter>>();
  // Insertion order doubles as recency: a touched entry is deleted and set again.
  const cids = new Map<string, Map<string, Message>>();
  const listeners = new Map<string, Set<BusListener>>();
  let closed = false;

  function counter(conversationId: string): Counter | Promise<Counter> {
    const known = counters.get(conversationId);
    if (known) return known;
    if (!initialSeq) {
      const fresh = { seq: 0, visible: 0 };
      counters.set(conversationId, fresh);
      return fresh;
    }
    // Every concurrent first append awaits this one promise, so the store is asked once.
    const loading = Promise.all([
      initialSeq(conversationId, 'team'),
      initialSeq(conversationId, 'visitor'),
    ]).then(([seq, visible]) => {
      const loaded = { seq, visible };
      counters.set(conversationId, loaded);
      return loaded;
    });
    counters.set(conversationId, loading);
    // A failed load is retried by the next append rather than remembered.
    loading.catch(() => counters.delete(conversationId));
    return loading;
  }

  // Concurrent first appends to one conversation share one question to the store.
  const loadingCids = new Map<string, Promise<Message[]>>();

  /** The stored cids of a conversation the bus does not remember, loaded before its append. */
  async function storedCids(input: MessageInput): Promise<Message[] | undefined> {
    if (!recentMessages || cids.has(input.conversationId)) return undefined;
    let loading = loadingCids.get(input.conversationId);
    if (!loading) {
      loading = recentMessages(input.organizationId, input.conversationId);
      loadingCids.set(input.conversationId, loading);
      const forget = () => loadingCids.delete(input.conversationId);
      loading.then(forget, forget);
    }
    return loading;
  }

  function recentCids(conversationId: string, stored?: Message[]): Map<string, Message> {
    let recent = cids.get(conversationId);
    if (recent) {
      cids.delete(conversationId);
    } else {
      recent = new Map();
      for (const m of (stored ?? []).slice(-CIDS_PER_CONVERSATION)) {
        if (m.cid !== undefined) recent.set(m.cid, m);
      }
      if (cids.size >= CID_CONVERSATIONS) {
        const oldest = cids.keys().next();
        if (!oldest.done) cids.delete(oldest.value);
      }
    }
    cids.set(conversationId, recent);
    return recent;
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
    async append(input: MessageInput): Promise<AppendResult> {
      assertOpen();
      const count = await counter(input.conversationId);
      const stored = await storedCids(input);
      // From here on nothing awaits: the cid check, the seq and the publish are one atomic step.
      const recent = recentCids(input.conversationId, stored);
      const first = recent.get(input.cid);
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
      if (input.kind === 'note') {
        message.kind = 'note';
      } else {
        if (count.visible !== count.seq - 1) message.prevSeq = count.visible;
        count.visible = count.seq;
      }
      recent.set(input.cid, message);
      if (recent.size > CIDS_PER_CONVERSATION) {
        const oldest = recent.keys().next();
        if (!oldest.done) recent.delete(oldest.value);
      }
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

    async close(): Promise<void> {
      closed = true;
      listeners.clear();
    },
  };
}
