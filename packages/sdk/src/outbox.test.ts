import { describe, expect, test } from 'bun:test';
import { SendError } from './outbox.ts';
import type { FakeSocket } from './testing/fake-socket.ts';
import { flush, harness, message } from './testing/harness.ts';
import type { PendingMessage } from './types.ts';

/** What a server answers a `send` with: the ack and the message to the conversation. */
function answer(socket: FakeSocket, cid: string, seq: number, conversationId = 'c') {
  const createdAt = new Date(seq * 1000).toISOString();
  socket.receive({ t: 'ack', cid, id: `m-${seq}`, conversationId, seq, createdAt });
  socket.receive(message(conversationId, seq, { id: `m-${seq}`, cid, createdAt }));
}

describe('outbox', () => {
  test('a send while connecting waits in the outbox and goes out after ready; the ack settles it', async () => {
    const h = harness();
    const lists: (readonly PendingMessage[])[] = [];
    h.client.on('outbox', (pending) => lists.push(pending));
    h.client.connect();
    const { pending, ack } = h.client.send('c', 'hello');
    expect(pending).toMatchObject({ conversationId: 'c', body: 'hello', status: 'queued' });
    expect(pending.cid).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.client.pending()).toEqual([pending]);
    const socket = h.server.last();
    socket.accept();
    expect(socket.frames('send')).toEqual([
      { t: 'send', cid: pending.cid, conversationId: 'c', body: 'hello' },
    ]);
    expect(h.client.pending()[0]?.status).toBe('sent');
    socket.receive({
      t: 'ack',
      cid: pending.cid,
      id: 'm-1',
      conversationId: 'c',
      seq: 1,
      createdAt: new Date(0).toISOString(),
    });
    expect(await ack).toMatchObject({ cid: pending.cid, seq: 1, id: 'm-1' });
    expect(h.client.pending()).toEqual([]);
    expect(lists.map((l) => l.map((p) => p.status))).toEqual([['queued'], ['sent'], []]);
  });

  test('attachments go with their message, and again with it after a reconnect', async () => {
    const h = harness();
    const first = h.open();
    const { pending } = h.client.send('c', 'see this', { attachments: ['a-1', 'a-2'] });
    expect(pending.attachments).toEqual(['a-1', 'a-2']);
    const plain = h.client.send('c', 'and this');
    const frames = () => h.server.last().frames('send');
    expect(frames()).toEqual([
      {
        t: 'send',
        cid: pending.cid,
        conversationId: 'c',
        body: 'see this',
        attachments: ['a-1', 'a-2'],
      },
      { t: 'send', cid: plain.pending.cid, conversationId: 'c', body: 'and this' },
    ]);
    first.serverClose(1006);
    h.clock.advance(h.state?.delayMs ?? 0);
    h.server.last().accept();
    expect(frames()[0]).toMatchObject({ cid: pending.cid, attachments: ['a-1', 'a-2'] });
  });

  test('unacked sends survive a reconnect and go again with the same cid, after the resume subscribe', async () => {
    const h = harness();
    h.client.subscribe('c', 0);
    const first = h.open();
    const a = h.client.send('c', 'one');
    const b = h.client.send('c', 'two');
    expect(first.frames('send').map((f) => f.cid)).toEqual([a.pending.cid, b.pending.cid]);
    // The server stored "one" (seq 1) but the socket died before its ack and message arrived.
    first.serverClose(1006);
    expect(h.client.pending().map((p) => p.status)).toEqual(['queued', 'queued']);
    const c = h.client.send('c', 'three'); // while reconnecting
    h.clock.advance(h.state?.delayMs ?? 0);
    const second = h.server.last();
    second.accept();
    expect(second.sent.map((f) => f.t)).toEqual(['subscribe', 'send', 'send', 'send']);
    expect(second.frames('send').map((f) => f.cid)).toEqual([
      a.pending.cid,
      b.pending.cid,
      c.pending.cid,
    ]);
    // The resume backfill brings "one"; the repeated cid gets its original ack, not a new message.
    second.receive(message('c', 1, { id: 'm-1', cid: a.pending.cid }));
    answer(second, a.pending.cid, 1);
    answer(second, b.pending.cid, 2);
    answer(second, c.pending.cid, 3);
    expect((await a.ack).seq).toBe(1);
    expect((await b.ack).seq).toBe(2);
    expect((await c.ack).seq).toBe(3);
    expect(h.messages.map((m) => [m.seq, m.cid])).toEqual([
      [1, a.pending.cid],
      [2, b.pending.cid],
      [3, c.pending.cid],
    ]);
    expect(h.acks.map((x) => x.cid)).toEqual([a.pending.cid, b.pending.cid, c.pending.cid]);
    expect(h.client.pending()).toEqual([]);
  });

  test('our own message echoed with its cid settles the send when the ack frame is lost', async () => {
    const h = harness();
    h.client.subscribe('c', 0);
    const socket = h.open();
    const { pending, ack } = h.client.send('c', 'hi');
    socket.receive(message('c', 1, { cid: pending.cid }));
    expect((await ack).seq).toBe(1);
    expect(h.client.pending()).toEqual([]);
  });

  test('no ack in ackTimeoutMs: sent again with the same cid', () => {
    const h = harness({ ackTimeoutMs: 3000 });
    const socket = h.open();
    const { pending } = h.client.send('c', 'hi');
    h.clock.advance(2999);
    expect(socket.frames('send')).toHaveLength(1);
    h.clock.advance(1);
    expect(socket.frames('send').map((f) => f.cid)).toEqual([pending.cid, pending.cid]);
  });

  test('errors: never (not_found) rejects; not now (rate_limited) resends the same cid', async () => {
    const h = harness({ sendRetryMs: 2000 });
    const socket = h.open();
    const lost = h.client.send('c', 'to nowhere');
    socket.receive({ t: 'error', code: 'not_found', message: 'No such', ref: lost.pending.cid });
    const error = await lost.ack.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject({ code: 'not_found', cid: lost.pending.cid });
    expect(h.errors.at(-1)).toMatchObject({ code: 'not_found', ref: lost.pending.cid });

    const slow = h.client.send('c', 'later');
    socket.receive({ t: 'error', code: 'rate_limited', message: 'Slow', ref: slow.pending.cid });
    expect(h.client.pending().map((p) => p.cid)).toEqual([slow.pending.cid]);
    h.clock.advance(2000);
    expect(socket.frames('send').filter((f) => f.cid === slow.pending.cid)).toHaveLength(2);
  });

  test('a bad body throws at once; discard() rejects a pending send', async () => {
    const h = harness();
    expect(() => h.client.send('c', '')).toThrow(SendError);
    expect(() => h.client.send('c', 'x'.repeat(4001))).toThrow(SendError);
    // No text is fine with files: a message of attachments alone.
    const files = h.client.send('c', '', { attachments: ['a1'] });
    expect(files.pending).toMatchObject({ body: '', attachments: ['a1'] });
    h.client.discard(files.pending.cid);
    const { pending, ack } = h.client.send('c', 'x'.repeat(4000));
    expect(h.client.discard(pending.cid)).toBe(true);
    expect(h.client.discard(pending.cid)).toBe(false);
    expect(await ack.catch((e: SendError) => e.code)).toBe('discarded');
    expect(h.client.pending()).toEqual([]);
  });

  test('a send whose ack nobody awaits fails quietly (no unhandled rejection)', async () => {
    const h = harness();
    const socket = h.open();
    const { pending } = h.client.send('c', 'fire and forget');
    socket.receive({ t: 'error', code: 'forbidden', message: 'No', ref: pending.cid });
    await flush();
    expect(h.client.pending()).toEqual([]);
    expect(h.errors.map((e) => e.code)).toEqual(['forbidden']);
  });

  test('the host storage keeps the outbox; a new client resends what it finds, same cid', async () => {
    let stored: readonly PendingMessage[] = [];
    const storage = { load: () => stored, save: (p: readonly PendingMessage[]) => (stored = p) };
    const page1 = harness({ outboxStorage: storage });
    const { pending } = page1.client.send('c', 'before reload');
    expect(stored.map((p) => p.cid)).toEqual([pending.cid]);
    page1.client.close();

    const page2 = harness({ outboxStorage: storage });
    await flush();
    expect(page2.client.pending().map((p) => [p.cid, p.status])).toEqual([[pending.cid, 'queued']]);
    const socket = page2.open();
    expect(socket.frames('send')).toEqual([
      { t: 'send', cid: pending.cid, conversationId: 'c', body: 'before reload' },
    ]);
    answer(socket, pending.cid, 1);
    expect(page2.acks.map((a) => a.cid)).toEqual([pending.cid]);
    expect(stored).toEqual([]);
  });

  test('async storage merges when it answers, also after the socket is open', async () => {
    let release: (p: PendingMessage[]) => void = () => {};
    const entry: PendingMessage = {
      cid: 'kept-1',
      conversationId: 'c',
      body: 'kept',
      createdAt: 5,
      status: 'sent',
    };
    const h = harness({
      outboxStorage: { load: () => new Promise((r) => (release = r)), save: () => {} },
    });
    const socket = h.open();
    release([entry, { nonsense: true } as unknown as PendingMessage]);
    await flush();
    expect(socket.frames('send')).toEqual([
      { t: 'send', cid: 'kept-1', conversationId: 'c', body: 'kept' },
    ]);
  });

  test('a failing storage load is reported', async () => {
    const h = harness({
      outboxStorage: { load: () => Promise.reject(new Error('quota')), save: () => {} },
    });
    await flush();
    expect(h.errors.map((e) => e.code)).toEqual(['storage_failed']);
  });
});
