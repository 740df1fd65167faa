import { describe, expect, test } from 'bun:test';
import { flush, harness } from './testing/harness.ts';

// Backoff in these tests: base 1000, cap 8000, reset after 5000, jitter fixed at 0.5,
// so attempt n waits 0.5 × min(8000, 1000 × 2^(n-1)).

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
