import { afterEach, expect, spyOn, test } from 'bun:test';
import { FakeClock, FakeOnline, fakeWebSocket } from '@flc/sdk/testing';
import type { BootResponse, WidgetConversation } from './api.ts';
import { Session, type SessionOptions } from './session.ts';
import { memoryStorage, storageKeys } from './storage.ts';

// The session on the SDK's fakes: a fake server socket, clock and network, and a fake REST API.
const keys = storageKeys('pk_test');

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Route = (call: Call) => { status?: number; body: unknown } | undefined;

/** A fetch answering from `route`, recording every call. */
function fakeApi(route: Route) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (async (
    input: string | URL | Request,
    init: RequestInit = {},
  ) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers: Object.fromEntries(
        new Headers(init.headers) as unknown as Iterable<[string, string]>,
      ),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const answer = route(call);
    if (!answer)
      return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
    return Response.json(answer.body, { status: answer.status ?? 200 });
  }) as typeof fetch;
  return { fetch, calls };
}

const conversation = (id: string, lastSeq: number, unread = 0): WidgetConversation => ({
  id,
  status: 'open',
  lastSeq,
  lastMessage: null,
  unread,
  lastActivityAt: new Date().toISOString(),
  createdAt: new Date().toISOString(),
});

const booted = (n: number, conversations: WidgetConversation[] = []): BootResponse => ({
  sessionToken: `session-${n}`,
  sessionExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  visitorToken: 'vt-1',
  contact: { id: 'v1', name: null, email: null },
  settings: { color: '#112233', position: 'left', greeting: 'Hi!', launcherText: null },
  widgetLanguage: 'auto',
  preChatForm: null,
  csatEnabled: false,
  emailContinuity: true,
  editWindowSeconds: 900,
  availability: { state: 'online' },
  conversations,
});

const agentMessage = (conversationId: string, seq: number) => ({
  id: `m-${seq}`,
  conversationId,
  seq,
  sender: { type: 'agent' as const, id: 'a1', name: 'Ann' },
  body: `agent says ${seq}`,
  createdAt: new Date(seq * 1000).toISOString(),
});

/** Lets promise callbacks (fetches, the SDK's outbox restore) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

let sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions) s.stop(false);
  sessions = [];
});

function setup(route: Route, options: Partial<SessionOptions> = {}) {
  const api = fakeApi(route);
  const clock = new FakeClock();
  const server = fakeWebSocket();
  const storage = options.storage ?? memoryStorage();
  const tabStorage = options.tabStorage ?? memoryStorage();
  const session = new Session({
    boot: { pluginKey: 'pk_test' },
    apiBase: 'https://chat.test',
    storage,
    tabStorage,
    fetch: api.fetch,
    timers: clock,
    client: {
      WebSocket: server.WebSocket,
      timers: clock,
      online: new FakeOnline(),
      random: () => 0.5,
    },
    ...options,
  });
  sessions.push(session);
  return { session, api, clock, server, storage, tabStorage };
}

test('boot keeps the visitor token, shows the latest history page, then follows from its last seq', async () => {
  const storage = memoryStorage();
  storage.set(keys.visitor, 'vt-1');
  const { session, api, server } = setup(
    (c) => {
      if (c.path === '/v1/widget/boot') return { body: booted(1, [conversation('c1', 2, 1)]) };
      if (c.path === '/v1/widget/conversations/c1/messages?beforeSeq=3&limit=50') {
        return { body: { items: [agentMessage('c1', 1), agentMessage('c1', 2)], hasMore: false } };
      }
    },
    { storage },
  );
  await session.start();
  expect(api.calls[0]).toMatchObject({
    method: 'POST',
    headers: { 'x-plugin-key': 'pk_test' },
    body: { visitorToken: 'vt-1' },
  });
  const view = session.view();
  expect(view).toMatchObject({ status: 'ready', unread: 1, settings: { color: '#112233' } });
  expect(view.items.map((i) => i.body)).toEqual(['agent says 1', 'agent says 2']);
  const socket = server.last();
  expect(socket.token).toBe('session-1');
  socket.accept();
  expect(socket.frames('subscribe')).toEqual([
    { t: 'subscribe', conversationId: 'c1', afterSeq: 2, afterRev: 0 },
  ]);
});

test("the boot tells the widget's language, so the visitor's mails are in it", async () => {
  const { session, api } = setup(
    (c) => (c.path === '/v1/widget/boot' ? { body: booted(1) } : undefined),
    { locale: 'ko' },
  );
  await session.start();
  expect(api.calls[0]).toMatchObject({ path: '/v1/widget/boot', body: { locale: 'ko' } });
  const { session: silent, api: silentApi } = setup((c) =>
    c.path === '/v1/widget/boot' ? { body: booted(2) } : undefined,
  );
  await silent.start();
  expect(silentApi.calls[0]?.body).not.toHaveProperty('locale');
});

test("the boot's widget language reaches the view, for the widget to speak it", async () => {
  const { session } = setup((c) =>
    c.path === '/v1/widget/boot' ? { body: { ...booted(1), widgetLanguage: 'ja' } } : undefined,
  );
  expect(session.view().language).toBeNull();
  await session.start();
  expect(session.view().language).toBe('ja');
});

test('away, the widget asks for an email only where the environment answers by email', async () => {
  for (const emailContinuity of [true, false]) {
    const { session } = setup((c) =>
      c.path === '/v1/widget/boot'
        ? { body: { ...booted(1), availability: { state: 'away' }, emailContinuity } }
        : undefined,
    );
    await session.start();
    const view = session.view();
    expect(view.emailReplies).toBe(emailContinuity);
    expect(view.email).toEqual(emailContinuity ? { saved: null, busy: false, error: null } : null);
  }
});

test('a wrong memberHash fails the boot with the identity message and opens no socket', async () => {
  const error = spyOn(console, 'error').mockImplementation(() => {});
  const { session, server } = setup(
    () => ({
      status: 401,
      body: {
        error: { code: 'unauthorized', message: 'memberHash does not match', requestId: 'req-9' },
      },
    }),
    { boot: { pluginKey: 'pk_test', memberId: 'u1', memberHash: 'bad' } },
  );
  await session.start();
  expect(session.view()).toMatchObject({ status: 'failed', failure: 'identity' });
  expect(server.sockets).toHaveLength(0);
  // The page's developer gets the id to quote to the platform's operator.
  expect(String(error.mock.calls[0]?.[0])).toContain('memberHash does not match (request req-9)');
  error.mockRestore();
});

test("a boot the platform cannot answer yet is retried with the SDK's jittered backoff", async () => {
  let failures = 2;
  const { session, api, clock } = setup((c) => {
    if (c.path !== '/v1/widget/boot') return undefined;
    if (failures-- > 0) {
      return { status: 503, body: { error: { code: 'unavailable', message: 'starting' } } };
    }
    return { body: booted(1) };
  });
  const started = session.start();
  await settle();
  expect(api.calls).toHaveLength(1);
  // random() is 0.5: half of a ceiling doubling from 1 s.
  clock.advance(499);
  await settle();
  expect(api.calls).toHaveLength(1);
  clock.advance(1);
  await settle();
  expect(api.calls).toHaveLength(2);
  clock.advance(999);
  await settle();
  expect(api.calls).toHaveLength(2);
  clock.advance(1);
  await started;
  expect(api.calls).toHaveLength(3);
  expect(session.view().status).toBe('ready');
});

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

test('an expired session token makes the SDK boot again, as the same visitor', async () => {
  let boots = 0;
  const { session, api, server, clock } = setup((c) => {
    if (c.path === '/v1/widget/boot') return { body: booted(++boots, [conversation('c1', 0)]) };
  });
  await session.start();
  server.last().accept();
  server.last().serverClose(4001);
  clock.advance(0); // 4001 is retried at once, with a fresh token
  await settle();
  const boot = api.calls.filter((c) => c.path === '/v1/widget/boot');
  expect(boot).toHaveLength(2);
  expect(boot[1]?.body).toMatchObject({ visitorToken: 'vt-1' });
  expect(server.sockets).toHaveLength(2);
  expect(server.last().token).toBe('session-2');
});

test("a socket refused for the page's origin (4003) shows the origin failure and is not redialed", async () => {
  const { session, server, clock } = setup((c) => {
    if (c.path === '/v1/widget/boot') return { body: booted(1, [conversation('c1', 0)]) };
  });
  await session.start();
  server.last().serverClose(4003, 'origin not allowed');
  expect(session.view()).toMatchObject({ status: 'failed', failure: 'origin' });
  clock.advance(60_000);
  expect(server.sockets).toHaveLength(1);
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
