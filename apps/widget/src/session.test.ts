import { afterEach, expect, test } from 'bun:test';
import { memoryStorage } from './storage.ts';
import {
  agentMessage,
  booted,
  conversation,
  keys,
  settle,
  setup,
  stopSessions,
} from './testing/session.ts';

// The widget session on the SDK's fakes once booted: sending, unread, other tabs, history, notes.
afterEach(stopSessions);

test('the first message opens the conversation and shows as sending until its ack', async () => {
  const { session, api, server, storage } = setup((c) => {
    if (c.path === '/v1/widget/boot') return { body: booted(1) };
    if (c.path === '/v1/widget/conversations?limit=1') return { body: { items: [] } };
    if (c.method === 'POST' && c.path === '/v1/widget/conversations') {
      return { status: 201, body: conversation('c9', 0) };
    }
  });
  await session.start();
  session.send('Hello');
  expect(session.view().items).toMatchObject([{ body: 'Hello', status: 'sending', mine: true }]);
  await settle();
  expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
    'POST /v1/widget/boot',
    'GET /v1/widget/conversations?limit=1',
    'POST /v1/widget/conversations',
  ]);
  expect(JSON.parse(storage.get(keys.conversation) ?? '')).toEqual({ contactId: 'v1', id: 'c9' });
  const socket = server.last();
  socket.accept();
  const cid = socket.frames('send')[0]?.cid ?? '';
  expect(socket.frames('send')).toEqual([{ t: 'send', cid, conversationId: 'c9', body: 'Hello' }]);
  expect(session.view().items).toMatchObject([{ key: cid, status: 'sending' }]);
  socket.receive({
    t: 'ack',
    cid,
    id: 'm-1',
    conversationId: 'c9',
    seq: 1,
    createdAt: new Date().toISOString(),
  });
  expect(session.view().items).toMatchObject([{ key: cid, status: 'sent', seq: 1 }]);
});

test('agent messages count as unread while the panel is closed; opening it reads them', async () => {
  const { session, server, clock } = setup((c) => {
    if (c.path === '/v1/widget/boot') return { body: booted(1, [conversation('c1', 0)]) };
  });
  const unread: number[] = [];
  session.events.on('unread', (n) => unread.push(n));
  await session.start();
  const socket = server.last();
  socket.accept();
  socket.receive({
    t: 'typing',
    conversationId: 'c1',
    sender: { type: 'agent', id: 'a1' },
    on: true,
  });
  expect(session.view().agentTyping).toBe(true);
  socket.receive({ t: 'message', ...agentMessage('c1', 1) });
  expect(session.view().agentTyping).toBe(false);
  socket.receive({
    t: 'typing',
    conversationId: 'c1',
    sender: { type: 'agent', id: 'a1' },
    on: true,
  });
  clock.advance(8_000); // the console went away without its typing off
  expect(session.view().agentTyping).toBe(false);
  socket.receive({ t: 'message', ...agentMessage('c1', 2) });
  expect(unread).toEqual([1, 2]);
  session.setOpen(true);
  expect(socket.frames('read')).toEqual([{ t: 'read', conversationId: 'c1', seq: 2 }]);
  expect(session.view().unread).toBe(0);
  socket.receive({ t: 'message', ...agentMessage('c1', 3) });
  expect(session.view().unread).toBe(0);
  expect(socket.frames('read').at(-1)).toEqual({ t: 'read', conversationId: 'c1', seq: 3 });
});

test("another tab's new conversation is followed here too", async () => {
  let notify: (key: string | null, value: string | null) => void = () => {};
  const { session, server } = setup(
    (c) => {
      if (c.path === '/v1/widget/boot') return { body: booted(1) };
      if (c.path === '/v1/widget/conversations?limit=5')
        return { body: { items: [conversation('c5', 0)] } };
    },
    {
      watchStorage: (listener) => {
        notify = listener;
        return () => {};
      },
    },
  );
  await session.start();
  expect(server.sockets).toHaveLength(0); // nothing to follow yet: no socket
  notify(keys.conversation, JSON.stringify({ contactId: 'someone-else', id: 'c4' }));
  notify(keys.conversation, JSON.stringify({ contactId: 'v1', id: 'c5' }));
  await settle();
  server.last().accept();
  expect(server.last().frames('subscribe')).toEqual([
    { t: 'subscribe', conversationId: 'c5', afterSeq: 0, afterRev: 0 },
  ]);
});

test("this tab's unacked messages survive a reload and are sent again with their cids", async () => {
  const tabStorage = memoryStorage();
  const kept = {
    cid: 'kept-1',
    conversationId: 'c1',
    body: 'Typed before the reload',
    createdAt: 1,
    status: 'sent',
  };
  tabStorage.set(keys.outbox, JSON.stringify([kept]));
  const { session, server } = setup(
    (c) => {
      if (c.path === '/v1/widget/boot') return { body: booted(1, [conversation('c1', 0)]) };
    },
    { tabStorage },
  );
  await session.start();
  expect(session.view().items).toMatchObject([{ key: 'kept-1', status: 'sending' }]);
  server.last().accept();
  expect(server.last().frames('send')).toEqual([
    { t: 'send', cid: 'kept-1', conversationId: 'c1', body: 'Typed before the reload' },
  ]);
});

test('earlier history pages load on demand, before what is shown', async () => {
  const page = (from: number, to: number, hasMore: boolean) => ({
    body: {
      items: Array.from({ length: to - from + 1 }, (_, i) => agentMessage('c1', from + i)),
      hasMore,
    },
  });
  const { session, api } = setup((c) => {
    if (c.path === '/v1/widget/boot') return { body: booted(1, [conversation('c1', 60)]) };
    if (c.path.endsWith('?beforeSeq=61&limit=50')) return page(11, 60, true);
    if (c.path.endsWith('?beforeSeq=11&limit=50')) return page(1, 10, false);
  });
  await session.start();
  expect(session.view()).toMatchObject({ hasEarlier: true });
  expect(session.view().items[0]?.seq).toBe(11);
  await session.loadEarlier();
  const seqs = session.view().items.map((i) => i.seq);
  expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  expect(session.view().hasEarlier).toBe(false);
  await session.loadEarlier(); // nothing earlier: no request
  expect(api.calls.filter((c) => c.path.includes('beforeSeq'))).toHaveLength(2);
});

test('across private notes it never gets, the widget follows on: no gap fetch, no error', async () => {
  const { session, server, clock, api } = setup((c) => {
    if (c.path === '/v1/widget/boot') return { body: booted(1, [conversation('c1', 1)]) };
    if (c.path === '/v1/widget/conversations/c1/messages?beforeSeq=2&limit=50') {
      return { body: { items: [agentMessage('c1', 1)], hasMore: false } };
    }
  });
  const errors: unknown[] = [];
  session.events.on('error', (e) => errors.push(e));
  await session.start();
  const first = server.last();
  first.accept();
  expect(first.frames('subscribe')).toEqual([
    { t: 'subscribe', conversationId: 'c1', afterSeq: 1, afterRev: 0 },
  ]);
  first.receive({ t: 'subscribed', conversationId: 'c1', headSeq: 1 });
  // Seqs 2 and 3 are notes: the reply names 1 as the message before it.
  first.receive({ t: 'message', ...agentMessage('c1', 4), prevSeq: 1 });
  expect(session.view().unread).toBe(1);
  first.serverClose(1006);
  clock.advance(60_000);
  const second = server.last();
  second.accept();
  expect(second.frames('subscribe')).toEqual([
    { t: 'subscribe', conversationId: 'c1', afterSeq: 4, afterRev: 0 },
  ]);
  // The resume's backfill skips note 5; the head a visitor is told is its last message.
  second.receive({ t: 'message', ...agentMessage('c1', 6), prevSeq: 4 });
  second.receive({ t: 'subscribed', conversationId: 'c1', headSeq: 6 });
  clock.advance(60_000);
  await settle();
  expect(session.view().items.map((i) => i.seq)).toEqual([1, 4, 6]);
  expect(session.view().unread).toBe(2);
  expect(api.calls.filter((c) => c.path.includes('afterSeq'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('an open panel keeps a socket without a conversation; availability frames change the header and the email ask', async () => {
  const { session, server } = setup((c) => {
    if (c.path === '/v1/widget/boot') {
      return { body: { ...booted(1), availability: { state: 'away' } } };
    }
  });
  await session.start();
  expect(server.sockets).toHaveLength(0); // closed panel, no conversation: no socket yet
  expect(session.view()).toMatchObject({ availability: { state: 'away' }, email: { saved: null } });
  session.setOpen(true);
  const socket = server.last();
  socket.accept();
  socket.receive({ t: 'availability', availability: { state: 'online', replyTimeMinutes: 5 } });
  expect(session.view()).toMatchObject({
    availability: { state: 'online', replyTimeMinutes: 5 },
    email: null,
  });
  socket.receive({
    t: 'availability',
    availability: { state: 'closed', nextOpenAt: '2026-01-05T09:00:00.000Z', hidden: true },
  });
  expect(session.view()).toMatchObject({
    availability: { state: 'closed' },
    email: { saved: null },
  });
  // A widget on screen is not hidden mid-chat by the hours ending.
  expect(session.view().availability?.hidden).toBeUndefined();
});
