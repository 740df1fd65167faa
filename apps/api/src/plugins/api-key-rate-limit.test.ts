import { expect, test } from 'bun:test';
import { TokenBuckets } from './api-key-rate-limit.ts';

test('a bucket allows its burst, then the rate, and refills with time', () => {
  let now = 0;
  const buckets = new TokenBuckets(2, 3, () => now); // 2 per second, 3 at once
  expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
  expect(buckets.take('a')).toBeCloseTo(0.5); // one token takes half a second
  expect(buckets.take('b')).toBe(0); // every key has its own bucket
  now = 250;
  expect(buckets.take('a')).toBeCloseTo(0.25);
  now = 500;
  expect(buckets.take('a')).toBe(0);
  expect(buckets.take('a')).toBeCloseTo(0.5);
  now = 60_000; // refilled, never above the burst
  expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
  expect(buckets.take('a')).toBeGreaterThan(0);
});

test('full buckets are dropped when many keys were seen, and behave as new ones', () => {
  let now = 0;
  const buckets = new TokenBuckets(1_000, 1, () => now);
  for (let i = 0; i <= 10_001; i++) buckets.take(`key-${i}`);
  expect(buckets.take('key-0')).toBeGreaterThan(0); // drained, and not yet refilled
  now = 10;
  buckets.take('another'); // a sweep: everything has refilled by now
  expect(buckets.take('key-0')).toBe(0);
});
