import { describe, expect, test } from 'bun:test';
import type { Message, MessageInput } from '@flc/core';
import { CidCache } from './cid-cache.ts';
import { EvictedFilter } from './evicted-filter.ts';

const input = (cid: string, conversationId = 'c-1'): MessageInput => ({
  organizationId: 'org-1',
  conversationId,
  cid,
  sender: { type: 'visitor', id: 'visitor-1' },
  body: `body of ${cid}`,
});
let seq = 0;
const message = (cid: string, conversationId = 'c-1'): Message => ({
  ...input(cid, conversationId),
  id: `id-${cid}`,
  seq: ++seq,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
});

describe('CidCache', () => {
  test('answers a retry with the first message, its body until it is stored', () => {
    const cache = new CidCache(10, true);
    const first: Message = { ...message('a'), kind: 'note', prevSeq: 3 };
    cache.add(first, 'a', false);
    expect(cache.holds('c-1', 'a')).toBe('with-body');
    expect(cache.get({ ...input('a'), body: 'a retry' })).toEqual(first);
    expect(cache.get(input('a', 'c-2'))).toBeUndefined();
    cache.persisted(first);
    // The store has the body now; the bus asks it when a retry needs it.
    expect(cache.holds('c-1', 'a')).toBe('without-body');
    expect(cache.holds('c-2', 'a')).toBe('no');
  });

  test('without a store behind it, the cache keeps the body', () => {
    const cache = new CidCache(10, false);
    const first = message('a');
    cache.add(first, 'a', false);
    cache.persisted(first);
    expect(cache.get({ ...input('a'), body: 'a retry' })).toEqual(first);
  });

  test('holds at most its capacity, evicting the least recently used first', () => {
    const cache = new CidCache(2, false);
    cache.add(message('a'), 'a', false);
    cache.add(message('b', 'c-2'), 'b', false);
    expect(cache.get(input('a'))).toBeDefined(); // a is now the most recent
    cache.add(message('c'), 'c', false);
    expect(cache.size).toBe(2);
    expect(cache.holds('c-2', 'b')).toBe('no');
    expect(cache.get(input('a'))).toBeDefined();
    // Only the evicted cid must be asked of the store from now on.
    expect(cache.mayHaveEvicted('c-2', 'b')).toBe(true);
    expect(cache.mayHaveEvicted('c-1', 'c')).toBe(false);
    expect(cache.mayHaveEvicted('c-1', 'b')).toBe(false);
  });

  test('an entry evicted before it was stored waits aside until persisted', () => {
    const cache = new CidCache(1, true);
    const a = message('a');
    cache.add(a, 'a', false);
    cache.add(message('b'), 'b', false);
    expect(cache.size).toBe(1);
    expect(cache.waiting).toBe(1);
    expect(cache.get(input('a'))).toMatchObject({ id: a.id, seq: a.seq });
    cache.persisted(a);
    expect(cache.waiting).toBe(0);
    expect(cache.get(input('a'))).toBeUndefined();
  });

  test('stored entries, and all without persistence tracking, are simply evicted', () => {
    const tracked = new CidCache(1, true);
    tracked.add(message('a'), 'a', true);
    const b = message('b');
    tracked.add(b, 'b', false);
    tracked.persisted(b);
    tracked.add(message('c'), 'c', false);
    expect(tracked.waiting).toBe(0);
    const untracked = new CidCache(1, false);
    untracked.add(message('a'), 'a', false);
    untracked.add(message('b'), 'b', false);
    expect(untracked.waiting).toBe(0);
    expect(untracked.holds('c-1', 'a')).toBe('no');
  });
});

describe('EvictedFilter', () => {
  test('never forgets a key it was given, and rarely claims one it was not', () => {
    const filter = new EvictedFilter();
    expect(filter.mayHold('c-1 a')).toBe(false);
    const added = Array.from({ length: 100_000 }, (_, i) => `conversation-${i % 997} cid-${i}`);
    for (const key of added) filter.add(key);
    expect(added.every((key) => filter.mayHold(key))).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 100_000; i++)
      if (filter.mayHold(`conversation-${i % 997} other-${i}`)) falsePositives++;
    // 2^25 bits, 3 hashes, 100,000 keys: about 6 in a million; 0.1% leaves room for hashing luck.
    expect(falsePositives).toBeLessThan(100);
  });
});
