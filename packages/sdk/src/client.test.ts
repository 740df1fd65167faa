import { describe, expect, test } from 'bun:test';
import { createClient } from './client.ts';
import { harness } from './testing/harness.ts';

describe('typing', () => {
  test('at most one `typing on` per throttle window; `off` after the idle time', () => {
    const h = harness({ typingThrottleMs: 3000, typingIdleMs: 5000 });
    const socket = h.open();
    for (let i = 0; i < 5; i++) {
      h.client.typing('c');
      h.clock.advance(500);
    }
    expect(socket.frames('typing')).toEqual([{ t: 'typing', conversationId: 'c', on: true }]);
    h.client.typing('c'); // 2.5 s after the first: still throttled
    h.clock.advance(500);
    h.client.typing('c'); // 3 s: on again, so the other side keeps showing it
    expect(socket.frames('typing').map((f) => f.on)).toEqual([true, true]);
    h.clock.advance(4999);
    expect(socket.frames('typing')).toHaveLength(2);
    h.clock.advance(1);
    expect(socket.frames('typing').map((f) => f.on)).toEqual([true, true, false]);
  });

  test('send() turns typing off before the message; nothing is sent while disconnected', () => {
    const h = harness();
    h.client.connect();
    h.client.typing('c'); // not open yet: dropped
    const socket = h.server.last();
    socket.accept();
    expect(socket.frames('typing')).toEqual([]);
    h.client.typing('c');
    h.client.send('c', 'done');
    expect(socket.sent.map((f) => (f.t === 'typing' ? `typing:${f.on}` : f.t))).toEqual([
      'typing:true',
      'typing:false',
      'send',
    ]);
    h.client.typing('c');
    socket.serverClose(1012);
    h.clock.advance(0);
    h.server.last().accept();
    h.clock.advance(10_000); // the idle timer of the old session is gone
    expect(h.server.last().frames('typing')).toEqual([]);
  });
});

describe('read', () => {
  test('sent once per higher seq; one marked while disconnected goes after resume', () => {
    const h = harness();
    const socket = h.open();
    h.client.read('c', 3);
    h.client.read('c', 2);
    h.client.read('c', 3);
    expect(socket.frames('read')).toEqual([{ t: 'read', conversationId: 'c', seq: 3 }]);
    socket.serverClose(1006);
    h.client.read('c', 5);
    h.clock.advance(h.state?.delayMs ?? 0);
    const next = h.server.last();
    next.accept();
    expect(next.frames('read')).toEqual([{ t: 'read', conversationId: 'c', seq: 5 }]);
  });
});

describe('events', () => {
  test('typing, read, conversation, presence, subscribed and errors reach handlers without `t`', () => {
    const h = harness();
    const seen: unknown[] = [];
    for (const event of ['typing', 'read', 'conversation', 'presence', 'subscribed'] as const) {
      h.client.on(event, (payload) => seen.push([event, payload]));
    }
    const socket = h.open();
    const sender = { type: 'visitor' as const, id: 'v1' };
    socket.receive({ t: 'typing', conversationId: 'c', sender, on: true });
    socket.receive({ t: 'read', conversationId: 'c', reader: sender, seq: 4 });
    const conversation = {
      id: 'c',
      status: 'open' as const,
      assigneeId: null,
      teamId: null,
      contact: { id: 'v1' },
      lastMessage: null,
      unread: 0,
      environmentId: 'e1',
      lastSeq: 0,
      lastActivityAt: '2030-01-01T00:00:00.000Z',
      snoozedUntil: null,
      labelIds: [],
    };
    socket.receive({ t: 'conversation', event: 'created', conversation });
    socket.receive({ t: 'presence', agentId: 'a1', status: 'online' });
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 0 });
    socket.receive({ t: 'error', code: 'bad_frame', message: 'Unknown', ref: 'launch' });
    socket.receive({ t: 'future-frame' });
    socket.onmessage?.({ data: 'not json' });
    expect(seen).toEqual([
      ['typing', { conversationId: 'c', sender, on: true }],
      ['read', { conversationId: 'c', reader: sender, seq: 4 }],
      ['conversation', { event: 'created', conversation }],
      ['presence', { agentId: 'a1', status: 'online' }],
      ['subscribed', { conversationId: 'c', headSeq: 0 }],
    ]);
    expect(h.errors.map((e) => e.code)).toEqual(['bad_frame', 'protocol']);
    expect(h.client.state).toBe('open');
  });

  test('on() returns an unsubscribe function', () => {
    const h = harness();
    const got: string[] = [];
    const off = h.client.on('presence', (p) => got.push(p.status));
    const socket = h.open();
    socket.receive({ t: 'presence', agentId: 'a1', status: 'away' });
    off();
    socket.receive({ t: 'presence', agentId: 'a1', status: 'online' });
    expect(got).toEqual(['away']);
  });
});

describe('createClient', () => {
  test('needs a token or getToken, a WebSocket and a valid url', () => {
    const WebSocket = globalThis.WebSocket as never;
    expect(() => createClient({ url: 'https://x.test', WebSocket })).toThrow(/token/);
    expect(() => createClient({ url: '::', token: 't', WebSocket })).toThrow();
    const saved = globalThis.WebSocket;
    try {
      (globalThis as { WebSocket?: unknown }).WebSocket = undefined;
      expect(() => createClient({ url: 'https://x.test', token: 't' })).toThrow(/WebSocket/);
    } finally {
      globalThis.WebSocket = saved;
    }
    expect(createClient({ url: 'https://x.test', token: 't' }).state).toBe('idle');
  });
});
