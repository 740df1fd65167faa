import { describe, expect, test } from 'bun:test';
import { harness } from './testing/harness.ts';

// Backoff in these tests: base 1000, cap 8000, reset after 5000, jitter fixed at 0.5,
// so attempt n waits 0.5 × min(8000, 1000 × 2^(n-1)).

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
