import { describe, expect, test } from 'bun:test';
import { flush, harness } from './testing/harness.ts';

// Backoff in these tests: base 1000, cap 8000, reset after 5000, jitter fixed at 0.5,
// so attempt n waits 0.5 × min(8000, 1000 × 2^(n-1)).

describe('connecting', () => {
  test('idle → connecting → open on ready, with the token and subprotocol on the socket', () => {
    const h = harness();
    expect(h.client.state).toBe('idle');
    const ready: unknown[] = [];
    h.client.on('ready', (r) => ready.push(r));
    h.client.connect();
    expect(h.state).toMatchObject({ state: 'connecting', previous: 'idle', reason: 'connect' });
    const socket = h.server.last();
    expect(socket.url).toBe('wss://chat.test/v1/ws?token=token-1');
    expect(socket.protocols).toBe('flc.v1');
    socket.open();
    expect(h.client.state).toBe('connecting'); // open means ready, not a TCP handshake
    socket.accept({ type: 'agent', id: 'a1', organizationId: 'o1' });
    expect(h.state).toMatchObject({ state: 'open', previous: 'connecting', reason: 'ready' });
    expect(h.client.principal).toEqual({ type: 'agent', id: 'a1', organizationId: 'o1' });
    expect(ready).toHaveLength(1);
    h.client.connect(); // already connected: nothing new
    expect(h.server.sockets).toHaveLength(1);
  });

  test('a socket URL given in full is kept; http becomes ws', () => {
    const full = harness({ url: 'wss://edge.test/v1/ws' });
    full.client.connect();
    expect(full.server.last().url).toBe('wss://edge.test/v1/ws?token=token-1');
    const plain = harness({ url: 'http://127.0.0.1:3000/' });
    plain.client.connect();
    expect(plain.server.last().url).toBe('ws://127.0.0.1:3000/v1/ws?token=token-1');
  });

  test('connecting → reconnecting(connect_failed) when the socket fails before ready', () => {
    const h = harness();
    h.client.connect();
    h.server.last().fail();
    expect(h.state).toMatchObject({
      state: 'reconnecting',
      previous: 'connecting',
      reason: 'connect_failed',
      attempt: 1,
      delayMs: 500,
      code: 1006,
    });
    h.clock.advance(499);
    expect(h.server.sockets).toHaveLength(1);
    h.clock.advance(1);
    expect(h.server.sockets).toHaveLength(2);
  });

  test('reconnecting → reconnecting with growing delays, then → open', () => {
    const h = harness();
    h.client.connect();
    const delays: (number | null | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      h.server.last().fail();
      delays.push(h.state?.delayMs);
      expect(h.state).toMatchObject({ previous: i === 0 ? 'connecting' : 'reconnecting' });
      h.clock.advance(h.state?.delayMs ?? 0);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    h.server.last().accept();
    expect(h.state).toMatchObject({ state: 'open', previous: 'reconnecting', reason: 'ready' });
  });

  test('connect_timeout: no ready in time drops the socket (4000) and retries', () => {
    const h = harness({ connectTimeoutMs: 3000 });
    h.client.connect();
    const socket = h.server.last();
    socket.open();
    h.clock.advance(3000);
    expect(h.state).toMatchObject({ state: 'reconnecting', reason: 'connect_timeout', attempt: 1 });
    expect(socket.closedByClient?.code).toBe(4000);
  });

  test('a ready socket does not time out', () => {
    const h = harness({ connectTimeoutMs: 3000 });
    h.open();
    h.clock.advance(3000);
    expect(h.client.state).toBe('open');
  });
});

describe('after a session was open', () => {
  test('open → reconnecting(disconnected) on 1006 or 1001; a stable session resets the attempts', () => {
    const h = harness();
    h.client.connect();
    h.server.last().fail(); // attempt 1
    h.clock.advance(500);
    h.server.last().fail(); // attempt 2
    h.clock.advance(1000);
    h.server.last().accept();
    h.clock.advance(5000); // stayed good
    h.server.last().serverClose(1006);
    expect(h.state).toMatchObject({
      state: 'reconnecting',
      previous: 'open',
      reason: 'disconnected',
      attempt: 1,
      delayMs: 500,
    });
    h.clock.advance(500);
    h.server.last().accept();
    h.clock.advance(100); // not stable: the attempts go on
    h.server.last().serverClose(1001);
    expect(h.state).toMatchObject({
      reason: 'disconnected',
      attempt: 2,
      delayMs: 1000,
      code: 1001,
    });
  });

  test('1012 reconnects at once; another 1012 before the session settled backs off', () => {
    const h = harness();
    h.open();
    h.server.last().serverClose(1012, 'node restarting');
    expect(h.state).toMatchObject({ reason: 'restart', attempt: 1, delayMs: 0, code: 1012 });
    h.clock.advance(0);
    expect(h.server.sockets).toHaveLength(2);
    h.server.last().accept();
    h.server.last().serverClose(1012);
    expect(h.state).toMatchObject({ reason: 'restart', attempt: 2, delayMs: 1000 });
  });

  test('4001 fetches a fresh token with getToken() and reconnects at once', async () => {
    const tokens = ['token-2', 'token-3'];
    let calls = 0;
    const h = harness({
      getToken: async () => {
        calls++;
        return tokens.shift() ?? 'none';
      },
    });
    h.open();
    expect(calls).toBe(0); // the given token is used first
    h.server.last().serverClose(4001, 'token expired');
    expect(h.state).toMatchObject({ reason: 'token_expired', attempt: 1, delayMs: 0, code: 4001 });
    h.clock.advance(0);
    await flush();
    expect(calls).toBe(1);
    expect(h.server.last().token).toBe('token-2');
    h.server.last().accept();
    expect(h.client.state).toBe('open');
    h.server.last().serverClose(1006); // an ordinary drop keeps the fresh token
    h.clock.advance(h.state?.delayMs ?? 0);
    await flush();
    expect(h.server.last().token).toBe('token-2');
    expect(calls).toBe(1);
  });

  test('4001 without getToken → closed(unauthorized), fatal', () => {
    const h = harness();
    h.open();
    h.server.last().serverClose(4001);
    expect(h.state).toMatchObject({
      state: 'closed',
      previous: 'open',
      reason: 'unauthorized',
      fatal: true,
      code: 4001,
    });
    expect(h.errors.at(-1)).toMatchObject({ code: 'unauthorized', fatal: true });
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(1);
  });

  test('4003 before ready (origin not allowed) → closed(forbidden), fatal, never redialed', () => {
    const h = harness();
    h.client.connect();
    h.server.last().serverClose(4003, 'origin not allowed');
    expect(h.state).toMatchObject({
      state: 'closed',
      reason: 'forbidden',
      fatal: true,
      code: 4003,
    });
    expect(h.errors.at(-1)).toMatchObject({ code: 'forbidden', fatal: true });
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(1);
  });

  test('4008 backs off, and a good session in between does not reset it', () => {
    const h = harness();
    h.open();
    h.clock.advance(6000);
    h.server.last().serverClose(4008, 'rate limit exceeded');
    expect(h.state).toMatchObject({ reason: 'policy', attempt: 1, delayMs: 500, code: 4008 });
    h.clock.advance(500);
    h.server.last().accept();
    h.clock.advance(6000);
    h.server.last().serverClose(4008);
    expect(h.state).toMatchObject({ reason: 'policy', attempt: 2, delayMs: 1000 });
  });

  test('4009 reconnects (too_slow); a stable session first resets the attempts', () => {
    const h = harness();
    h.client.connect();
    h.server.last().fail();
    h.clock.advance(500);
    h.server.last().accept();
    h.clock.advance(5000);
    h.server.last().serverClose(4009, 'too slow');
    expect(h.state).toMatchObject({ reason: 'too_slow', attempt: 1, delayMs: 500, code: 4009 });
  });

  test('1000 from the server → closed(server_closed), nothing more is attempted', () => {
    const h = harness();
    h.open();
    h.server.last().serverClose(1000);
    expect(h.state).toMatchObject({
      state: 'closed',
      previous: 'open',
      reason: 'server_closed',
      code: 1000,
    });
    expect(h.state?.fatal).toBeUndefined();
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(1);
  });

  test('1009 → closed(too_large), reported as fatal, also from reconnecting', () => {
    const h = harness();
    h.open();
    h.server.last().serverClose(1009, 'frame too large');
    expect(h.state).toMatchObject({ state: 'closed', reason: 'too_large', fatal: true });
    expect(h.errors.at(-1)).toMatchObject({ code: 'too_large', fatal: true });

    const again = harness();
    again.client.connect();
    again.server.last().fail();
    again.clock.advance(500);
    again.server.last().serverClose(1009);
    expect(again.state).toMatchObject({
      state: 'closed',
      previous: 'reconnecting',
      reason: 'too_large',
    });
  });

  test('heartbeat: ping every heartbeatMs; no pong in time drops the socket and reconnects', async () => {
    const h = harness({ pongTimeoutMs: 2000 });
    h.client.connect();
    const socket = h.server.last();
    socket.accept(undefined, 10_000);
    h.clock.advance(10_000);
    expect(socket.frames('ping')).toEqual([{ t: 'ping', ts: 10_000 }]);
    socket.receive({ t: 'pong', ts: 10_000 });
    h.clock.advance(2000);
    expect(h.client.state).toBe('open');
    h.clock.advance(8000);
    expect(socket.frames('ping')).toHaveLength(2);
    h.clock.advance(2000);
    expect(h.state).toMatchObject({ state: 'reconnecting', reason: 'heartbeat_timeout' });
    expect(socket.closedByClient?.code).toBe(4000);
    const count = h.states.length;
    await flush(); // the dropped socket's close event changes nothing
    expect(h.states).toHaveLength(count);
  });
});

describe('close() and connect()', () => {
  test('open → closed(client) with 1000; connect() starts again from closed', async () => {
    const h = harness();
    const socket = h.open();
    h.client.close();
    expect(h.state).toMatchObject({ state: 'closed', previous: 'open', reason: 'client' });
    expect(socket.closedByClient?.code).toBe(1000);
    await flush();
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(1);
    h.client.connect();
    expect(h.state).toMatchObject({ state: 'connecting', previous: 'closed', reason: 'connect' });
    expect(h.server.sockets).toHaveLength(2);
  });

  test('reconnecting → closed(client) cancels the pending attempt', () => {
    const h = harness();
    h.client.connect();
    h.server.last().fail();
    h.client.close();
    expect(h.state).toMatchObject({ state: 'closed', previous: 'reconnecting', reason: 'client' });
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(1);
  });

  test('idle and connecting → closed(client); a token arriving after close() opens nothing', async () => {
    const idle = harness();
    idle.client.close();
    expect(idle.state).toMatchObject({ state: 'closed', previous: 'idle', reason: 'client' });

    let release: (token: string) => void = () => {};
    const h = harness({
      token: undefined,
      getToken: () => new Promise<string>((resolve) => (release = resolve)),
    });
    h.client.connect();
    h.client.close();
    expect(h.state).toMatchObject({ state: 'closed', previous: 'connecting' });
    release('late');
    await flush();
    expect(h.server.sockets).toHaveLength(0);
  });
});

describe('tokens', () => {
  test('without a token the first one comes from getToken()', async () => {
    const h = harness({ token: undefined, getToken: async () => 'fetched' });
    h.client.connect();
    expect(h.server.sockets).toHaveLength(0);
    await flush();
    expect(h.server.last().token).toBe('fetched');
  });

  test('getToken() failing → reconnecting(token_failed) and an error; the next attempt asks again', async () => {
    let fail = true;
    const h = harness({
      token: undefined,
      getToken: async () => {
        if (fail) throw new Error('boot failed');
        return 'fresh';
      },
    });
    h.client.connect();
    await flush();
    expect(h.state).toMatchObject({ state: 'reconnecting', reason: 'token_failed', attempt: 1 });
    expect(h.errors.at(-1)).toMatchObject({ code: 'token_failed' });
    fail = false;
    h.clock.advance(500);
    await flush();
    expect(h.server.last().token).toBe('fresh');
  });

  test('a JWT about to expire is replaced before dialing', async () => {
    const payload = btoa(JSON.stringify({ exp: 5 })).replace(/=+$/, ''); // 5 s, clock at 0
    const h = harness({ token: `h.${payload}.s`, getToken: async () => 'renewed' });
    h.client.connect();
    await flush();
    expect(h.server.last().token).toBe('renewed');
  });

  test('two failures before the socket opened → a fresh token (a refused upgrade looks like that)', async () => {
    let n = 0;
    const h = harness({ getToken: async () => `fresh-${++n}` });
    h.client.connect();
    h.server.last().fail();
    h.clock.advance(500);
    await flush();
    expect(h.server.last().token).toBe('token-1');
    h.server.last().fail();
    h.clock.advance(1000);
    await flush();
    expect(h.server.last().token).toBe('fresh-1');
  });
});

describe('online signal', () => {
  test('connect() while offline waits: reconnecting(offline); online → reconnecting(online), dial at once', () => {
    const h = harness();
    h.online.set(false);
    h.client.connect();
    expect(h.state).toMatchObject({
      state: 'reconnecting',
      previous: 'idle',
      reason: 'offline',
      delayMs: null,
    });
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(0);
    h.online.set(true);
    expect(h.state).toMatchObject({ state: 'reconnecting', reason: 'online', delayMs: 0 });
    expect(h.server.sockets).toHaveLength(1);
    h.server.last().accept();
    expect(h.client.state).toBe('open');
  });

  test('open → reconnecting(offline) drops the socket and tries nothing until online', () => {
    const h = harness();
    const socket = h.open();
    h.online.set(false);
    expect(h.state).toMatchObject({ state: 'reconnecting', previous: 'open', reason: 'offline' });
    expect(socket.closedByClient?.code).toBe(4000);
    h.online.set(false); // repeated: no new state
    expect(h.states.filter((s) => s.reason === 'offline')).toHaveLength(1);
    h.clock.advance(60_000);
    expect(h.server.sockets).toHaveLength(1);
    h.online.set(true);
    expect(h.server.sockets).toHaveLength(2);
  });

  test('connecting → reconnecting(offline); a backoff is cut short when the network comes back', () => {
    const h = harness();
    h.client.connect();
    h.online.set(false);
    expect(h.state).toMatchObject({ previous: 'connecting', reason: 'offline' });
    h.online.set(true);
    h.server.last().fail();
    expect(h.state).toMatchObject({ reason: 'connect_failed', delayMs: 500, attempt: 1 });
    h.online.set(true); // e.g. the browser's online event during the backoff
    expect(h.state).toMatchObject({ reason: 'online', delayMs: 0 });
    expect(h.server.sockets).toHaveLength(3);
  });

  test('a failure while offline waits for the network instead of backing off', () => {
    let online = true;
    const listeners: (() => void)[] = [];
    const h = harness({
      online: {
        isOnline: () => online,
        subscribe: (listener) => {
          listeners.push(listener);
          return () => {};
        },
      },
    });
    h.open();
    online = false; // no event yet
    h.server.last().serverClose(1006);
    expect(h.state).toMatchObject({ state: 'reconnecting', reason: 'offline', delayMs: null });
    online = true;
    for (const l of listeners) l();
    expect(h.server.sockets).toHaveLength(2);
  });

  test('closed stops listening to the signal', () => {
    const h = harness();
    h.open();
    expect(h.online.listening).toBe(1);
    h.client.close();
    expect(h.online.listening).toBe(0);
  });
});
