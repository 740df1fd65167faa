import type { Message, MessageInput } from '@flc/core';
import { EvictedFilter } from './evicted-filter.ts';

/**
 * What answering a retried send takes: the first message's identity and place, and its body only
 * until it is known to be stored (then the store has it, for the rare retry that needs it).
 */
interface CidEntry {
  id: string;
  seq: number;
  /** Epoch milliseconds: a number, not a 24-character string per entry. */
  createdAt: number;
  sender: Message['sender'];
  kind?: 'note';
  prevSeq?: number;
  /** Only on a reply by mail (rare): a retry's answer says so too. */
  via?: Message['via'];
  /** Until the message is known to be stored; an entry with it that is evicted waits aside. */
  body?: string;
}

const keyOf = (conversationId: string, cid: string) => `${conversationId} ${cid}`;

/**
 * The cids of recent sends, most recently used last, in one LRU bounded by entries across all
 * conversations. An evicted cid can only be answered by the store from then on, so the cache
 * remembers (in a Bloom filter) which cids it may have evicted; a cid not yet stored when
 * evicted waits aside until `persisted` is called for it (with `trackPersistence`), so no retry
 * can slip past both.
 */
export class CidCache {
  private readonly entries = new Map<string, CidEntry>();
  private readonly evictedUnstored = new Map<string, CidEntry>();
  private readonly evicted = new EvictedFilter();

  constructor(
    private readonly capacity: number,
    private readonly trackPersistence: boolean,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Evicted entries still waiting to be stored. */
  get waiting(): number {
    return this.evictedUnstored.size;
  }

  /** Whether the cid is held, and with its body (else only the store has the body). */
  holds(conversationId: string, cid: string): 'no' | 'with-body' | 'without-body' {
    const key = keyOf(conversationId, cid);
    const entry = this.entries.get(key) ?? this.evictedUnstored.get(key);
    if (!entry) return 'no';
    return entry.body === undefined ? 'without-body' : 'with-body';
  }

  /** The message's body changed: an entry that still held the old body keeps the new one. */
  rewrite(message: Message): void {
    if (message.cid === undefined) return;
    const key = keyOf(message.conversationId, message.cid);
    for (const map of [this.entries, this.evictedUnstored]) {
      const entry = map.get(key);
      if (entry?.body !== undefined) entry.body = message.body;
    }
  }

  /** Drops every entry of these conversations, with the bodies it still held. */
  forget(conversationIds: readonly string[]): void {
    const prefixes = conversationIds.map((id) => `${id} `);
    for (const map of [this.entries, this.evictedUnstored]) {
      for (const key of map.keys()) {
        if (prefixes.some((p) => key.startsWith(p))) map.delete(key);
      }
    }
  }

  /** False when the cid was certainly never evicted (held or not); true when it may have been. */
  mayHaveEvicted(conversationId: string, cid: string): boolean {
    return this.evicted.mayHold(keyOf(conversationId, cid));
  }

  /**
   * The first message of the cid, rebuilt for the retry `input` (its body when the entry no
   * longer has the first one); a hit counts as recent use.
   */
  get(input: MessageInput): Message | undefined {
    const key = keyOf(input.conversationId, input.cid);
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = this.evictedUnstored.get(key);
      if (!entry) return undefined;
    }
    const message: Message = {
      id: entry.id,
      organizationId: input.organizationId,
      conversationId: input.conversationId,
      seq: entry.seq,
      sender: entry.sender,
      body: entry.body ?? input.body,
      createdAt: new Date(entry.createdAt).toISOString(),
      cid: input.cid,
    };
    if (entry.kind) message.kind = entry.kind;
    if (entry.prevSeq !== undefined) message.prevSeq = entry.prevSeq;
    if (entry.via) message.via = entry.via;
    return message;
  }

  /** Remembers the cid of a message; `stored` when it came from the store. */
  add(message: Message, cid: string, stored: boolean): void {
    const entry: CidEntry = {
      id: message.id,
      seq: message.seq,
      createdAt: Date.parse(message.createdAt),
      sender: message.sender,
    };
    // Without a store behind the cache, the body is its only copy.
    if (!stored || !this.trackPersistence) entry.body = message.body;
    if (message.kind) entry.kind = message.kind;
    if (message.prevSeq !== undefined) entry.prevSeq = message.prevSeq;
    if (message.via) entry.via = message.via;
    const key = keyOf(message.conversationId, cid);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.evictOldest();
  }

  /** The message is in the store: the store answers for it once it is evicted. */
  persisted(message: Message): void {
    if (message.cid === undefined || !this.trackPersistence) return;
    const key = keyOf(message.conversationId, message.cid);
    const entry = this.entries.get(key);
    if (entry) delete entry.body;
    this.evictedUnstored.delete(key);
  }

  private evictOldest(): void {
    const oldest = this.entries.entries().next();
    if (oldest.done) return;
    const [key, entry] = oldest.value;
    this.entries.delete(key);
    this.evicted.add(key);
    if (this.trackPersistence && entry.body !== undefined) this.evictedUnstored.set(key, entry);
  }
}
