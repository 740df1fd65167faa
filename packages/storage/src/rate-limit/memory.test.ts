import { expect, test } from 'bun:test';
import type { Budget } from '@flc/core';
import { createMemoryRateLimiter } from './memory.ts';

test('a budget allows its burst, then one slot per period / limit, and refills with time', async () => {
  let now = 0;
  const limiter = createMemoryRateLimiter(() => now);
  const budget: Budget = { name: 'api-key', limit: 3, periodMs: 1_500 }; // 3 at once, 2 per second
  const take = () => limiter.take(budget, 'a');
  expect([await take(), await take(), await take()]).toEqual([0, 0, 0]);
  expect(await take()).toBeCloseTo(0.5);
  expect(await limiter.take(budget, 'b')).toBe(0); // every key has its own
  now = 250;
  expect(await take()).toBeCloseTo(0.25);
  now = 500;
  expect(await take()).toBe(0);
  expect(await take()).toBeCloseTo(0.5);
  now = 60_000; // refilled, never above the burst
  expect([await take(), await take(), await take()]).toEqual([0, 0, 0]);
  expect(await take()).toBeGreaterThan(0);
});

test('whole budgets are dropped when many keys were seen, and behave as new ones', async () => {
  let now = 0;
  const limiter = createMemoryRateLimiter(() => now);
  const budget: Budget = { name: 'b', limit: 1, periodMs: 1 };
  for (let i = 0; i <= 10_001; i++) await limiter.take(budget, `key-${i}`);
  expect(await limiter.take(budget, 'key-0')).toBeGreaterThan(0); // spent, not yet refilled
  now = 10;
  await limiter.take(budget, 'another'); // a sweep: everything has refilled by now
  expect(await limiter.take(budget, 'key-0')).toBe(0);
});
