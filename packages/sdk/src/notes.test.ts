import { describe, expect, test } from 'bun:test';
import { flush, harness, message } from './testing/harness.ts';
import type { Message } from './types.ts';

// Private notes take their seq in the conversation's one log and never reach a visitor: the
// visitor's messages skip those seqs and name the one before them in `prevSeq`. These drive the
// client as the server does (see docs/PROTOCOL.md, Private notes and mentions).
const seqs = (ms: Message[]) => ms.map((m) => m.seq);
const agent = { type: 'agent' as const, id: 'agent-1', organizationId: 'org-1' };

/** A client whose history fetches find nothing, and the `afterSeq`s it fetched after. */
function withEmptyHistory() {
  const fetched: number[] = [];
  const h = harness({
    fetchHistory: async (_id, afterSeq) => {
      fetched.push(afterSeq);
      return [];
    },
  });
  return { h, fetched };
}

describe('a visitor across notes', () => {
  test('a message after a note follows by prevSeq: no gap, no fetch, no error', () => {
    const { h, fetched } = withEmptyHistory();
    h.client.subscribe('c', 0);
    const socket = h.open();
    socket.receive(message('c', 1));
    // seq 2 and 3 are notes: the visitor never hears of them.
    socket.receive(message('c', 4, { prevSeq: 1 }));
    socket.receive(message('c', 5));
    expect(seqs(h.messages)).toEqual([1, 4, 5]);
    expect(fetched).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  test('resumes across a note: the backfill and the head skip it, and nothing is missing', () => {
    const { h, fetched } = withEmptyHistory();
    h.client.subscribe('c', 0);
    const first = h.open();
    first.receive(message('c', 1));
    first.receive({ t: 'subscribed', conversationId: 'c', headSeq: 1 });
    first.serverClose(1006);
    h.clock.advance(h.state?.delayMs ?? 0);

    // Meanwhile: a note at 2, an agent's reply at 3. The server's head for a visitor is 3.
    const second = h.server.last();
    second.accept();
    expect(second.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'c', afterSeq: 1, afterRev: 0 },
    ]);
    second.receive(message('c', 3, { prevSeq: 1 }));
    second.receive({ t: 'subscribed', conversationId: 'c', headSeq: 3 });
    expect(seqs(h.messages)).toEqual([1, 3]);
    expect(h.client.lastSeq('c')).toBe(3);

    // A note last (seq 4): the head a visitor is told stays 3, so there is nothing to fill.
    second.serverClose(1012);
    h.clock.advance(0);
    const third = h.server.last();
    third.accept();
    third.receive({ t: 'subscribed', conversationId: 'c', headSeq: 3 });
    h.clock.advance(60_000);
    expect(fetched).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  test('a message missing before a note is still a gap, filled in order', async () => {
    const fetched: number[] = [];
    const h = harness({
      fetchHistory: async (_id, afterSeq) => {
        fetched.push(afterSeq);
        // The visitor's history: 3 (after 1; 2 was a note), then 5 (4 was a note).
        return [
          { ...message('c', 3, { prevSeq: 1 }), t: undefined },
          { ...message('c', 5, { prevSeq: 3 }), t: undefined },
        ].map(({ t: _, ...m }) => m);
      },
    });
    h.client.subscribe('c', 0);
    const socket = h.open();
    socket.receive(message('c', 1));
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 1 });
    // 3 was lost on the way; 5 names it as the one before.
    socket.receive(message('c', 5, { prevSeq: 3 }));
    expect(seqs(h.messages)).toEqual([1]);
    await flush();
    expect(fetched).toEqual([1]);
    expect(seqs(h.messages)).toEqual([1, 3, 5]);
    socket.receive(message('c', 3, { prevSeq: 1 })); // late duplicate
    socket.receive(message('c', 6));
    expect(seqs(h.messages)).toEqual([1, 3, 5, 6]);
    expect(h.errors).toEqual([]);
  });
});

describe('an agent with notes', () => {
  test('notes come in the one order; prevSeq is no excuse for a missing note', async () => {
    const fetched: number[] = [];
    const h = harness({
      fetchHistory: async (_id, afterSeq) => {
        fetched.push(afterSeq);
        const { t: _, ...note } = message('c', 2, { kind: 'note' });
        return [note];
      },
    });
    h.client.subscribe('c', 0);
    h.client.connect();
    h.server.last().accept(agent);
    const socket = h.server.last();
    socket.receive(message('c', 1));
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 1 });
    // The note at 2 was lost: the reply at 3 (prevSeq 1, for visitors) must wait for it.
    socket.receive(message('c', 3, { prevSeq: 1 }));
    expect(seqs(h.messages)).toEqual([1]);
    await flush();
    expect(fetched).toEqual([1]);
    expect(h.messages.map((m) => [m.seq, m.kind ?? 'message'])).toEqual([
      [1, 'message'],
      [2, 'note'],
      [3, 'message'],
    ]);
  });

  test('send with kind note writes a note frame, kept in the outbox with its kind', () => {
    const saved: unknown[] = [];
    const h = harness({ outboxStorage: { load: () => [], save: (p) => saved.push(p) } });
    h.client.connect();
    h.server.last().accept(agent);
    const socket = h.server.last();
    h.client.typing('c');
    const { pending } = h.client.send('c', '@grace please look', { kind: 'note' });
    h.client.send('c', 'Hello!');
    expect(pending.kind).toBe('note');
    expect(socket.frames('send').map((f) => (f as { kind?: string }).kind)).toEqual([
      'note',
      undefined,
    ]);
    expect(JSON.stringify(saved.at(-1))).toContain('"kind":"note"');
  });

  test('a mention frame is an event of its own', () => {
    const h = harness();
    const heard: unknown[] = [];
    h.client.on('mention', (m) => heard.push(m));
    h.client.connect();
    h.server.last().accept(agent);
    const mention = {
      id: 'm-1',
      conversationId: 'c',
      contact: { id: 'v-1', name: null },
      messageId: 'n-1',
      seq: 2,
      author: { type: 'agent' as const, id: 'agent-2' },
      body: '@ann look',
      createdAt: new Date(0).toISOString(),
      readAt: null,
    };
    h.server.last().receive({ t: 'mention', agentId: 'agent-1', mention });
    expect(heard).toEqual([{ agentId: 'agent-1', mention }]);
  });
});
