import { describe, expect, test } from 'bun:test';
import { flush, harness, message } from './testing/harness.ts';
import type { Message } from './types.ts';

const seqs = (ms: Message[]) => ms.map((m) => m.seq);

describe('subscriptions and resume', () => {
  test('subscribes on ready; resumes every conversation from its last seen seq', () => {
    const h = harness();
    h.client.subscribe('live'); // live only: the head comes with `subscribed`
    h.client.subscribe('history', 10);
    const first = h.open();
    expect(first.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'live', afterRev: 0 },
      { t: 'subscribe', conversationId: 'history', afterSeq: 10, afterRev: 0 },
    ]);
    first.receive({ t: 'subscribed', conversationId: 'live', headSeq: 3 });
    first.receive(message('history', 11));
    first.receive({ t: 'subscribed', conversationId: 'history', headSeq: 11 });
    first.receive(message('live', 4));
    expect(h.client.lastSeq('live')).toBe(4);
    expect(h.client.lastSeq('history')).toBe(11);

    first.serverClose(1006);
    h.clock.advance(h.state?.delayMs ?? 0);
    const second = h.server.last();
    second.accept();
    expect(second.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'live', afterSeq: 4, afterRev: 0 },
      { t: 'subscribe', conversationId: 'history', afterSeq: 11, afterRev: 0 },
    ]);
  });

  test('subscribe while open is sent at once; unsubscribe stops following', () => {
    const h = harness();
    const socket = h.open();
    h.client.subscribe('c', 0);
    expect(socket.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'c', afterSeq: 0, afterRev: 0 },
    ]);
    socket.receive(message('c', 1));
    h.client.unsubscribe('c');
    expect(socket.frames('unsubscribe')).toEqual([{ t: 'unsubscribe', conversationId: 'c' }]);
    socket.receive(message('c', 2));
    socket.receive(message('elsewhere', 1));
    expect(seqs(h.messages)).toEqual([1]);
    socket.serverClose(1012);
    h.clock.advance(0);
    h.server.last().accept();
    expect(h.server.last().frames('subscribe')).toEqual([]);
  });

  test('messages are delivered without the frame tag, as REST returns them', () => {
    const h = harness();
    h.client.subscribe('c', 0);
    h.open().receive(message('c', 1));
    expect(h.messages[0]).toEqual({
      id: 'm-c-1',
      conversationId: 'c',
      seq: 1,
      sender: { type: 'agent', id: 'agent-1' },
      body: 'message 1',
      createdAt: new Date(1000).toISOString(),
    });
  });
});

describe('exactly once, in order', () => {
  test('duplicates by seq are dropped (a resume backfill overlapping live delivery)', () => {
    const h = harness();
    h.client.subscribe('c', 0);
    const socket = h.open();
    for (const seq of [1, 2, 3]) socket.receive(message('c', seq));
    socket.serverClose(4009);
    h.clock.advance(h.state?.delayMs ?? 0);
    const next = h.server.last();
    next.accept();
    expect(next.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'c', afterSeq: 3, afterRev: 0 },
    ]);
    for (const seq of [2, 3]) next.receive(message('c', seq));
    next.receive({ t: 'subscribed', conversationId: 'c', headSeq: 3 });
    for (const seq of [4, 4, 3, 5]) next.receive(message('c', seq));
    expect(seqs(h.messages)).toEqual([1, 2, 3, 4, 5]);
    h.clock.advance(10_000);
    expect(next.frames('subscribe')).toHaveLength(1); // a duplicate is not a gap
  });

  test('a gap is filled by subscribing again from the last seq; held messages follow in order', () => {
    const h = harness();
    h.client.subscribe('c', 0);
    const socket = h.open();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 0 });
    socket.receive(message('c', 1));
    socket.receive(message('c', 2));
    socket.receive(message('c', 5)); // 3 and 4 missing
    socket.receive(message('c', 6));
    expect(seqs(h.messages)).toEqual([1, 2]);
    expect(socket.frames('subscribe').at(-1)).toEqual({
      t: 'subscribe',
      conversationId: 'c',
      afterSeq: 2,
      afterRev: 0,
    });
    expect(socket.frames('subscribe')).toHaveLength(2); // one fill for the gap, not one per message
    // The server backfills from afterSeq: 3..6, then `subscribed`.
    for (const seq of [3, 4, 5, 6]) socket.receive(message('c', seq));
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 6 });
    socket.receive(message('c', 7));
    expect(seqs(h.messages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.errors).toEqual([]);
  });

  test('with fetchHistory the gap is fetched from REST instead', async () => {
    const asked: [string, number][] = [];
    const h = harness({
      fetchHistory: async (conversationId, afterSeq) => {
        asked.push([conversationId, afterSeq]);
        const { t: _, ...m3 } = message('c', 3);
        const { t: __, ...m4 } = message('c', 4);
        return [m4, m3]; // any order
      },
    });
    h.client.subscribe('c', 2);
    const socket = h.open();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 2 });
    socket.receive(message('c', 5));
    expect(seqs(h.messages)).toEqual([]);
    await flush();
    expect(asked).toEqual([['c', 2]]);
    expect(seqs(h.messages)).toEqual([3, 4, 5]);
    expect(socket.frames('subscribe')).toHaveLength(1); // only the resume one
  });

  test('a failing fetchHistory is reported and retried later', async () => {
    let calls = 0;
    const h = harness({
      gapRetryMs: 1000,
      fetchHistory: async () => {
        if (++calls === 1) throw new Error('503');
        const { t: _, ...m2 } = message('c', 2);
        return [m2];
      },
    });
    h.client.subscribe('c', 1);
    const socket = h.open();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 1 });
    socket.receive(message('c', 3));
    await flush();
    expect(h.errors.map((e) => e.code)).toEqual(['history_failed']);
    h.clock.advance(1000);
    await flush();
    expect(seqs(h.messages)).toEqual([2, 3]);
  });

  test('a head beyond what arrived (not yet stored) is asked for again later', () => {
    const h = harness({ gapRetryMs: 1000 });
    h.client.subscribe('c', 4);
    const socket = h.open();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 6 });
    h.clock.advance(999);
    expect(socket.frames('subscribe')).toHaveLength(1);
    h.clock.advance(1);
    expect(socket.frames('subscribe').at(-1)).toMatchObject({ afterSeq: 4 });
    socket.receive(message('c', 5));
    socket.receive(message('c', 6));
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 6 });
    h.clock.advance(20_000);
    expect(h.client.state).toBe('open');
    expect(socket.frames('subscribe')).toHaveLength(2);
    expect(seqs(h.messages)).toEqual([5, 6]);
  });

  test('live messages right after `subscribed` close the gap without another fill', () => {
    const h = harness({ gapRetryMs: 1000 });
    h.client.subscribe('c', 1);
    const socket = h.open();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 3 });
    socket.receive(message('c', 2));
    socket.receive(message('c', 3));
    h.clock.advance(10_000);
    expect(socket.frames('subscribe')).toHaveLength(1);
  });

  test('a gap that never fills is given up after maxGapAttempts: reported, held delivered', () => {
    const h = harness({ gapRetryMs: 100, maxGapAttempts: 3 });
    h.client.subscribe('c', 0);
    const socket = h.open();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 0 });
    socket.receive(message('c', 1));
    socket.receive(message('c', 3));
    for (let i = 0; i < 4; i++) {
      socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 3 });
      h.clock.advance(1000);
    }
    expect(socket.frames('subscribe').filter((f) => f.afterSeq === 1)).toHaveLength(3);
    expect(h.errors).toMatchObject([{ code: 'gap_unfilled', conversationId: 'c' }]);
    expect(seqs(h.messages)).toEqual([1, 3]);
    socket.receive(message('c', 2)); // too late: dropped, never out of order
    socket.receive(message('c', 4));
    expect(seqs(h.messages)).toEqual([1, 3, 4]);
  });
});
