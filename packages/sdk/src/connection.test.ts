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
