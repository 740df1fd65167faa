import { describe, expect, test } from 'bun:test';
import { DiscoveryCache } from './discovery-cache.ts';

describe('DiscoveryCache', () => {
  test('one fetch per key while fresh, also for calls made while it runs; a new key fetches', async () => {
    let clock = 0;
    const cache = new DiscoveryCache<string>(1_000, 10, () => clock);
    let fetches = 0;
    const load = (v: string) => async () => {
      fetches += 1;
      return v;
    };
    const [a, b] = await Promise.all([cache.get('k', load('one')), cache.get('k', load('two'))]);
    expect([a, b, fetches]).toEqual(['one', 'one', 1]);
    clock = 999;
    expect(await cache.get('k', load('three'))).toBe('one');
    expect(await cache.get('k2', load('four'))).toBe('four');
    clock = 1_000;
    expect(await cache.get('k', load('five'))).toBe('five');
    expect(fetches).toBe(3);
  });

  test('a failed fetch is not kept', async () => {
    const cache = new DiscoveryCache<string>();
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  test('past its size the oldest entry goes', async () => {
    const cache = new DiscoveryCache<string>(60_000, 2);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('c', async () => 'c');
    expect(await cache.get('a', async () => 'a again')).toBe('a again');
    expect(await cache.get('c', async () => 'c again')).toBe('c');
  });
});
