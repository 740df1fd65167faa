import { describe, expect, test } from 'bun:test';
import type { Message } from '@flc/protocol/resources';
import {
  addLiveMessage,
  type History,
  messageKeys,
  newerSpanParam,
  newestSeq,
  olderPageParam,
  olderSpanParam,
  type Span,
  seenMarker,
  timeline,
  withChange,
  withMessage,
  withOutgoing,
} from './messages.ts';

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  sender: { type: seq % 2 ? 'visitor' : 'agent', id: seq % 2 ? 'v1' : 'a1' },
  body: `message ${seq}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 10, seq)).toISOString(),
  ...extra,
});

/** Pages as the infinite query holds them: newest first. */
const history = (...pages: Message[][]): History => ({
  pages: pages.map((items, i) => ({ items, hasMore: i < pages.length - 1 })),
  pageParams: pages.map((_, i) => (i === 0 ? null : (pages[i - 1]?.[0]?.seq ?? null))),
});

const seqs = (data: History | Span | undefined) => timeline(data).map((m) => m.seq);

test('the history key is per conversation', () => {
  expect(messageKeys.history('c1')).toEqual(['messages', 'c1']);
  expect(messageKeys.history('c1')[0]).toBe(messageKeys.all[0]);
});

describe('history pages', () => {
  test('the timeline is ascending across pages fetched newest first', () => {
    const data = history([msg(4), msg(5)], [msg(1), msg(2), msg(3)]);
    expect(seqs(data)).toEqual([1, 2, 3, 4, 5]);
    expect(newestSeq(data)).toBe(5);
    expect(newestSeq(undefined)).toBe(0);
  });

  test('scroll-back asks for the page before the oldest loaded seq, until there is none', () => {
    expect(olderPageParam({ items: [msg(4), msg(5)], hasMore: true })).toBe(4);
    expect(olderPageParam({ items: [msg(1)], hasMore: false })).toBeUndefined();
    expect(olderPageParam({ items: [], hasMore: true })).toBeUndefined();
  });
});

describe('a span opened at one message', () => {
  test('its key is under the conversation, so invalidating the history reaches it', () => {
    expect(messageKeys.span('c1', 40).slice(0, 2)).toEqual([...messageKeys.history('c1')]);
    expect(messageKeys.span('c1', 40)).not.toEqual(messageKeys.span('c1', 41));
  });

  test('pages back from its oldest seq and forward from its newest, until either end', () => {
    const page = { items: [msg(10), msg(11), msg(12)], hasOlder: true, hasNewer: true };
    expect(olderSpanParam(page)).toEqual({ beforeSeq: 10 });
    expect(newerSpanParam(page)).toEqual({ afterSeq: 12 });
    expect(olderSpanParam({ ...page, hasOlder: false })).toBeUndefined();
    expect(newerSpanParam({ ...page, hasNewer: false })).toBeUndefined();
    expect(newerSpanParam({ items: [], hasOlder: true, hasNewer: true })).toBeUndefined();
  });

  test('a live message joins its newest page, the last one', () => {
    const data: Span = {
      pages: [
        { items: [msg(1), msg(2)], hasOlder: false, hasNewer: true },
        { items: [msg(3), msg(4)], hasOlder: true, hasNewer: true },
        { items: [msg(5)], hasOlder: true, hasNewer: false },
      ],
      pageParams: [{ beforeSeq: 3 }, { around: 4 }, { afterSeq: 4 }],
    };
    const next = addLiveMessage(data, msg(6));
    expect(next?.pages[2]?.items.map((m) => m.seq)).toEqual([5, 6]);
    expect(next?.pages[0]).toBe(data.pages[0] as NonNullable<(typeof data.pages)[0]>);
    expect(seqs(next)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('live messages', () => {
  test('a new seq joins the newest page in order', () => {
    const data = history([msg(2), msg(3)], [msg(1)]);
    const next = addLiveMessage(data, msg(4));
    expect(seqs(next)).toEqual([1, 2, 3, 4]);
    expect(next?.pages[0]?.items.map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(next?.pages[1]).toBe(data.pages[1] as NonNullable<(typeof data.pages)[1]>);
  });

  test('a seq already held, in any page, changes nothing (resume backfill, REST race)', () => {
    const data = history([msg(2), msg(3)], [msg(1)]);
    expect(addLiveMessage(data, msg(3))).toBe(data);
    expect(addLiveMessage(data, msg(1))).toBe(data);
  });

  test('a message that arrives out of order is still placed by seq', () => {
    const data = history([msg(1), msg(2)]);
    const next = addLiveMessage(addLiveMessage(data, msg(4)), msg(3));
    expect(seqs(next)).toEqual([1, 2, 3, 4]);
  });

  test('no history yet: nothing is kept (the first page brings it)', () => {
    expect(addLiveMessage(undefined, msg(1))).toBeUndefined();
  });
});

describe('outgoing messages', () => {
  test('pending ones follow the delivered, oldest first; one that came back shows once', () => {
    const delivered = [msg(1), msg(2, { cid: 'cid-a' })];
    const items = withOutgoing(delivered, [
      { cid: 'cid-c', body: 'third', createdAt: 30, state: 'failed', error: 'too_large' },
      { cid: 'cid-a', body: 'first', createdAt: 10, state: 'sending' },
      { cid: 'cid-b', body: 'second', createdAt: 20, state: 'sending' },
    ]);
    expect(items.map((i) => i.key)).toEqual(['m1', 'm2', 'ocid-b', 'ocid-c']);
  });
});

test('"Seen" marks the newest team message the visitor read up to', () => {
  const list = [msg(1), msg(2), msg(3), msg(4)];
  expect(seenMarker(list, 0)).toBeNull();
  expect(seenMarker(list, 3)).toBe(2);
  expect(seenMarker(list, 4)).toBe(4);
});

describe('edits and deletes in the loaded pages', () => {
  test('a change lands on its message in whichever page holds it; older or repeated ones do nothing', () => {
    const data = history([msg(3), msg(4)], [msg(1), msg(2)]);
    const edited = withChange(data, {
      conversationId: 'c1',
      seq: 2,
      rev: 2,
      body: 'fixed',
      editedAt: 'at',
    });
    expect(timeline(edited).map((m) => m.body)).toEqual([
      'message 1',
      'fixed',
      'message 3',
      'message 4',
    ]);
    expect(edited?.pages[0]).toBe(data.pages[0]); // an untouched page keeps its identity
    const stale = { conversationId: 'c1', seq: 2, rev: 1, deletedAt: 'at' };
    expect(withChange(edited, stale)).toBe(edited);
    expect(withChange(edited, { ...stale, seq: 9, rev: 5 })).toBe(edited);
    const gone = withChange(edited, { ...stale, rev: 3 });
    expect(timeline(gone)[1]).toMatchObject({ body: '', deletedAt: 'at', rev: 3 });
  });

  test('a REST answer replaces the message only when it is newer', () => {
    const data = history([msg(1, { body: 'new', rev: 4 })]);
    expect(withMessage(data, msg(1, { body: 'old', rev: 3 }))).toBe(data);
    expect(timeline(withMessage(data, msg(1, { body: 'newer', rev: 5 })))[0]?.body).toBe('newer');
  });
});
