import { describe, expect, test } from 'bun:test';
import { flush, harness } from './testing/harness.ts';

// Backoff in these tests: base 1000, cap 8000, reset after 5000, jitter fixed at 0.5,
// so attempt n waits 0.5 × min(8000, 1000 × 2^(n-1)).

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
