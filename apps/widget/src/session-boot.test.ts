import { afterEach, expect, spyOn, test } from 'bun:test';
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

// The widget session's boot on the SDK's fakes: identity, language, retries, and a socket refused.
afterEach(stopSessions);

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
